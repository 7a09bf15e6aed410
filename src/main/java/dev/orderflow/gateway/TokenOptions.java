package dev.orderflow.gateway;

import dev.orderflow.platform.core.StartupException;
import io.vertx.core.json.JsonObject;

/** How customers' bearer tokens are signed: a PEM or JWKS key file (neither: a generated key), issuer, audience, lifetime. */
record TokenOptions(String privateKeyFile, String jwksFile, String issuer, String audience, int ttlSeconds) {

  TokenOptions {
    if (!privateKeyFile.isEmpty() && !jwksFile.isEmpty()) {
      throw StartupException.of("ORDERFLOW_JWT_JWKS_FILE", "set either it or ORDERFLOW_JWT_PRIVATE_KEY_FILE, not both");
    }
    if (issuer.isEmpty()) {
      throw StartupException.of("ORDERFLOW_JWT_ISSUER", "must not be empty");
    }
    if (audience.isEmpty()) {
      throw StartupException.of("ORDERFLOW_JWT_AUDIENCE", "must not be empty");
    }
  }

  static TokenOptions from(JsonObject gateway) {
    return new TokenOptions(gateway.getString("jwt-private-key-file"), gateway.getString("jwt-jwks-file"), gateway.getString("jwt-issuer"),
      gateway.getString("jwt-audience"), gateway.getInteger("jwt-ttl-seconds"));
  }
}

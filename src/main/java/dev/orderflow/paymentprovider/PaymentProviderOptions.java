package dev.orderflow.paymentprovider;

import dev.orderflow.platform.http.HttpServerLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The provider's own settings (the {@code payment-provider} object of the configuration): where it
 * listens, the SHA-256 hashes of the secret keys it accepts (none accepts nobody), and what it grants a connection.
 */
record PaymentProviderOptions(String httpHost, int httpPort, List<String> apiKeySha256s, HttpServerLimits limits) {

  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8081;

  static PaymentProviderOptions from(JsonObject config) {
    return new PaymentProviderOptions(config.getString("http-host", DEFAULT_HOST), config.getInteger("http-port", DEFAULT_PORT),
      config.getJsonArray("api-key-sha256", new JsonArray()).stream().map(String::valueOf).toList(), HttpServerLimits.from(config));
  }
}

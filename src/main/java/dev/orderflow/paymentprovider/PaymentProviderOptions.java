package dev.orderflow.paymentprovider;

import dev.orderflow.platform.http.HttpServerLimits;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The provider's own settings (the {@code payment-provider} object of the configuration): where it
 * listens, the SHA-256 hashes of the secret keys it accepts (none accepts nobody), and what it grants a connection.
 */
record PaymentProviderOptions(String httpHost, int httpPort, List<String> apiKeySha256s, HttpServerLimits limits) {

  PaymentProviderOptions {
    if (httpHost.isBlank() || httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("payment-provider: invalid settings (http-host must be set, http-port within 0-65535)");
    }
  }

  static PaymentProviderOptions from(JsonObject config) {
    return new PaymentProviderOptions(config.getString("http-host"), config.getInteger("http-port"),
      config.getJsonArray("api-key-sha256").stream().map(String::valueOf).toList(), HttpServerLimits.from(config));
  }
}

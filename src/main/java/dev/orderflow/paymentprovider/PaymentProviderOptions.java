package dev.orderflow.paymentprovider;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The provider's own settings (the {@code payment-provider} object of the configuration): where it
 * listens, and the SHA-256 hashes of the secret keys it accepts (none accepts nobody).
 */
record PaymentProviderOptions(String httpHost, int httpPort, List<String> apiKeySha256s) {

  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8081;

  static PaymentProviderOptions from(JsonObject config) {
    return new PaymentProviderOptions(config.getString("http-host", DEFAULT_HOST), config.getInteger("http-port", DEFAULT_PORT),
      config.getJsonArray("api-key-sha256", new JsonArray()).stream().map(String::valueOf).toList());
  }
}

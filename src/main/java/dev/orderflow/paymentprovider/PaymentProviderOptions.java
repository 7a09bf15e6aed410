package dev.orderflow.paymentprovider;

import io.vertx.core.json.JsonObject;

/** The provider's own settings (the {@code payment-provider} object of the configuration). */
record PaymentProviderOptions(String httpHost, int httpPort) {

  static final String DEFAULT_HOST = "0.0.0.0";
  static final int DEFAULT_PORT = 8081;

  static PaymentProviderOptions from(JsonObject config) {
    return new PaymentProviderOptions(config.getString("http-host", DEFAULT_HOST), config.getInteger("http-port", DEFAULT_PORT));
  }
}

package dev.orderflow.checkout;

import io.vertx.core.json.JsonObject;

/** Deadlines, backoff, patience, concurrency, saga lease and backlog bound of the checkout, from its settings section. */
record CheckoutOptions(long stepDeadlineMs, long paymentTimeoutMs, long retryInitialMs, long retryMaxMs, int compensationMaxAttempts,
                       int maxRunning, long sagaLeaseMs, int maxBacklog) {

  static CheckoutOptions from(JsonObject config) {
    return new CheckoutOptions(config.getLong("step-deadline-ms"), config.getLong("payment-timeout-ms"),
      config.getLong("retry-initial-ms"), config.getLong("retry-max-ms"), config.getInteger("compensation-max-attempts"),
      config.getInteger("max-running"), config.getLong("saga-lease-ms"), config.getInteger("max-backlog"));
  }
}

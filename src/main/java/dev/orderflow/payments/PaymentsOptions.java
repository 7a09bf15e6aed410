package dev.orderflow.payments;

import io.vertx.core.json.JsonObject;

/**
 * The payments module's own settings (the {@code payments} object of the configuration): where the
 * provider is, the secret key it wants, and how hard each provider call tries before it gives up.
 */
record PaymentsOptions(
  String providerUrl,
  String providerApiKey,
  int providerKeepAliveSeconds,
  long timeoutMs,
  int maxAttempts,
  long retryInitialMs,
  long retryMaxMs,
  int breakerFailureRate,
  int breakerWindow,
  int breakerMinAttempts,
  long breakerResetMs,
  int maxConcurrent,
  int maxQueued) {

  PaymentsOptions {
    if (providerKeepAliveSeconds < 1 || timeoutMs < 1 || maxAttempts < 1 || retryInitialMs < 1 || retryMaxMs < retryInitialMs
      || breakerFailureRate < 1 || breakerFailureRate > 100 || breakerWindow < 1 || breakerMinAttempts < 1
      || breakerMinAttempts > breakerWindow || breakerResetMs < 1 || maxConcurrent < 1 || maxQueued < 0) {
      throw new IllegalArgumentException("payments: invalid resilience settings (retry-max-ms must be at least retry-initial-ms,"
        + " breaker-failure-rate within 1-100, breaker-min-attempts at most breaker-window)");
    }
  }

  static PaymentsOptions from(JsonObject config) {
    return new PaymentsOptions(
      config.getString("provider-url").trim(),
      config.getString("provider-api-key"),
      config.getInteger("provider-keep-alive-seconds"),
      config.getLong("timeout-ms"),
      config.getInteger("max-attempts"),
      config.getLong("retry-initial-ms"),
      config.getLong("retry-max-ms"),
      config.getInteger("breaker-failure-rate"),
      config.getInteger("breaker-window"),
      config.getInteger("breaker-min-attempts"),
      config.getLong("breaker-reset-ms"),
      config.getInteger("max-concurrent"),
      config.getInteger("max-queued"));
  }
}

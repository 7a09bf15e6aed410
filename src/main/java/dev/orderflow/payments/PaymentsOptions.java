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

  static final String DEFAULT_PROVIDER_URL = "";
  static final String DEFAULT_PROVIDER_API_KEY = "";
  static final long DEFAULT_TIMEOUT_MS = 2000;
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final long DEFAULT_RETRY_INITIAL_MS = 100;
  static final long DEFAULT_RETRY_MAX_MS = 1000;
  static final int DEFAULT_BREAKER_FAILURE_RATE = 50;
  static final int DEFAULT_BREAKER_WINDOW = 100;
  static final int DEFAULT_BREAKER_MIN_ATTEMPTS = 50;
  static final long DEFAULT_BREAKER_RESET_MS = 5000;
  static final int DEFAULT_MAX_CONCURRENT = 16;
  static final int DEFAULT_MAX_QUEUED = 64;

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
      config.getString("provider-url", DEFAULT_PROVIDER_URL).trim(),
      config.getString("provider-api-key", DEFAULT_PROVIDER_API_KEY),
      config.getInteger("provider-keep-alive-seconds"),
      config.getLong("timeout-ms", DEFAULT_TIMEOUT_MS),
      config.getInteger("max-attempts", DEFAULT_MAX_ATTEMPTS),
      config.getLong("retry-initial-ms", DEFAULT_RETRY_INITIAL_MS),
      config.getLong("retry-max-ms", DEFAULT_RETRY_MAX_MS),
      config.getInteger("breaker-failure-rate", DEFAULT_BREAKER_FAILURE_RATE),
      config.getInteger("breaker-window", DEFAULT_BREAKER_WINDOW),
      config.getInteger("breaker-min-attempts", DEFAULT_BREAKER_MIN_ATTEMPTS),
      config.getLong("breaker-reset-ms", DEFAULT_BREAKER_RESET_MS),
      config.getInteger("max-concurrent", DEFAULT_MAX_CONCURRENT),
      config.getInteger("max-queued", DEFAULT_MAX_QUEUED));
  }
}

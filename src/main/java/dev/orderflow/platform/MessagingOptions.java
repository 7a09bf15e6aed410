package dev.orderflow.platform;

import io.vertx.core.json.JsonObject;

/** Settings of the messaging platform (the {@code messaging} object of the configuration). */
record MessagingOptions(int topicPartitions, int maxAttempts, long retryInitialMs, long retryMaxMs, long outboxPollMs) {

  static MessagingOptions from(JsonObject config) {
    return new MessagingOptions(
      config.getInteger("topic-partitions"),
      config.getInteger("max-attempts"),
      config.getInteger("retry-initial-ms"),
      config.getInteger("retry-max-ms"),
      config.getInteger("outbox-poll-ms"));
  }

  /** Exponential backoff with full jitter: a random delay up to min(max, initial * 2^(attempt-1)). */
  long retryDelayMs(int attempt) {
    long ceiling = Math.min(retryMaxMs, retryInitialMs << Math.min(20, attempt - 1));
    return Math.max(1, (long) (Math.random() * ceiling));
  }
}

package dev.orderflow.platform.messaging;

import io.vertx.core.json.JsonObject;

/** Settings of the messaging platform (the {@code messaging} object of the configuration). */
record MessagingOptions(String namespace, int topicPartitions, int maxAttempts, long retryInitialMs, long retryMaxMs, long outboxPollMs) {

  static MessagingOptions from(JsonObject config) {
    return new MessagingOptions(
      config.getString("namespace"),
      config.getInteger("topic-partitions"),
      config.getInteger("max-attempts"),
      config.getInteger("retry-initial-ms"),
      config.getInteger("retry-max-ms"),
      config.getInteger("outbox-poll-ms"));
  }

  /** The Kafka name of a topic or consumer group: its logical name within this deployment's namespace. */
  String inNamespace(String name) {
    return namespace + name;
  }

  /** Exponential backoff with full jitter: a random delay up to min(max, initial * 2^(attempt-1)). */
  long retryDelayMs(int attempt) {
    long ceiling = Math.min(retryMaxMs, retryInitialMs << Math.min(20, attempt - 1));
    return Math.max(1, (long) (Math.random() * ceiling));
  }
}

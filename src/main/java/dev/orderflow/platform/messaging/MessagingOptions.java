package dev.orderflow.platform.messaging;

import dev.orderflow.platform.core.Backoff;
import io.vertx.core.json.JsonObject;

/** Settings of the messaging platform (the {@code messaging} object of the configuration). */
record MessagingOptions(String namespace, int topicPartitions, int topicReplication, int maxAttempts, long retryInitialMs,
                        long retryMaxMs, long outboxPollMs, int consumerBatchWaitMs, long consumerCommitIntervalMs) {

  static MessagingOptions from(JsonObject config) {
    return new MessagingOptions(
      config.getString("namespace"),
      config.getInteger("topic-partitions"),
      config.getInteger("topic-replication"),
      config.getInteger("max-attempts"),
      config.getInteger("retry-initial-ms"),
      config.getInteger("retry-max-ms"),
      config.getInteger("outbox-poll-ms"),
      config.getInteger("consumer-batch-wait-ms"),
      config.getInteger("consumer-commit-interval-ms"));
  }

  /**
   * The replication factor of a topic created on a cluster of {@code brokers}: the configured one, or
   * every broker when there are fewer; a replicated topic takes a write once all but one of its
   * replicas have it ({@code min.insync.replicas}), so that one broker may die without losing what
   * {@code acks=all} acknowledged nor stopping the writes.
   */
  short replicationOn(int brokers) {
    return (short) Math.max(1, Math.min(topicReplication, brokers));
  }

  /** The Kafka name of a topic or consumer group: its logical name within this deployment's namespace. */
  String inNamespace(String name) {
    return namespace + name;
  }

  /** The wait before redelivering a message after its failed {@code attempt}: full jitter, so that consumers that failed together do not retry together. */
  long retryDelayMs(int attempt) {
    return new Backoff(retryInitialMs, retryMaxMs, Backoff.Jitter.FULL).delayAfter(attempt);
  }

  /** The wait of the outbox relay after its {@code failedRelays}-th failure in a row: plain doubling, as one relay has nobody to spread out from. */
  long relayDelayMs(int failedRelays) {
    return new Backoff(retryInitialMs, retryMaxMs, Backoff.Jitter.NONE).delayAfter(failedRelays);
  }
}

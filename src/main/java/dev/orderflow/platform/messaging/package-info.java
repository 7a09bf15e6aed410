/**
 * Durable messaging over Kafka: CloudEvents, the transactional outbox and its relay, the inbox,
 * durable subscriptions run as consumer groups with retries and dead letters, the Kafka bridge to
 * the event bus, the client configuration every Kafka client shares, and the embedded broker. A
 * module deploys its relay and each of its consumer groups as a verticle
 * ({@code OutboxRelayVerticle}, {@code ConsumerGroupVerticle}).
 */
package dev.orderflow.platform.messaging;

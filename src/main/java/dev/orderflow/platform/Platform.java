package dev.orderflow.platform;

import io.vertx.core.Vertx;

/** What the platform hands every module: discovery, request-reply, databases, readiness, Kafka, messaging. */
public record Platform(
  Vertx vertx,
  Discovery discovery,
  ServiceClient services,
  Databases databases,
  Readiness readiness,
  KafkaInfrastructure kafka,
  Messaging messaging,
  Metrics metrics) {
}

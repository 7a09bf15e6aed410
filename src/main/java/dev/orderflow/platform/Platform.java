package dev.orderflow.platform;

import io.vertx.core.Vertx;

/** What the platform hands every module: discovery, request-reply, databases, readiness, Kafka. */
public record Platform(
  Vertx vertx,
  Discovery discovery,
  ServiceClient services,
  Databases databases,
  Readiness readiness,
  KafkaInfrastructure kafka) {
}

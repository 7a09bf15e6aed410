package dev.orderflow.platform;

import io.vertx.core.Vertx;

import java.nio.file.Path;

/** What the platform hands every module: discovery, request-reply, databases, readiness, Kafka, messaging, the data dir. */
public record Platform(
  Vertx vertx,
  Discovery discovery,
  ServiceClient services,
  Databases databases,
  Readiness readiness,
  KafkaInfrastructure kafka,
  Messaging messaging,
  Metrics metrics,
  Path dataDir) {
}

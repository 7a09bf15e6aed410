package dev.orderflow.platform;

import dev.orderflow.platform.bus.Discovery;
import dev.orderflow.platform.cluster.ClusterMaps;
import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.core.Metrics;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.messaging.KafkaInfrastructure;
import dev.orderflow.platform.messaging.Messaging;
import dev.orderflow.platform.sql.Databases;
import io.vertx.core.Vertx;

import java.nio.file.Path;

/** What the platform hands every module: discovery, request-reply, databases, readiness, Kafka, messaging, the data dir, cluster-wide maps. */
public record Platform(
  Vertx vertx,
  Discovery discovery,
  ServiceClient services,
  Databases databases,
  Readiness readiness,
  KafkaInfrastructure kafka,
  Messaging messaging,
  Metrics metrics,
  Path dataDir,
  ClusterMaps clusterMaps) {
}

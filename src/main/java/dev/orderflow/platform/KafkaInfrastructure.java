package dev.orderflow.platform;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.kafka.admin.KafkaAdminClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka this instance uses: the embedded broker when no bootstrap servers are configured,
 * otherwise the external cluster, which must answer at startup.
 */
public final class KafkaInfrastructure {

  static final String BOOTSTRAP_SETTING = "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS";

  private final String bootstrapServers;
  private final EmbeddedKafka embedded;
  private KafkaAdminClient healthAdmin;

  private KafkaInfrastructure(String bootstrapServers, EmbeddedKafka embedded) {
    this.bootstrapServers = bootstrapServers;
    this.embedded = embedded;
  }

  /** Blocking: starts the embedded broker or checks the external one, then waits until it answers. */
  static KafkaInfrastructure start(JsonObject kafkaConfig, Path dataDir, int checkTimeoutMs) {
    String external = kafkaConfig.getString("bootstrap-servers");
    if (!external.isEmpty()) {
      awaitBroker(external, checkTimeoutMs, BOOTSTRAP_SETTING);
      return new KafkaInfrastructure(external, null);
    }
    EmbeddedKafka embedded;
    try {
      embedded = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaConfig.getInteger("embedded-port"));
    } catch (RuntimeException e) {
      throw StartupException.of("ORDERFLOW_KAFKA_EMBEDDED_PORT", "the embedded Kafka broker did not start: " + e.getMessage());
    }
    awaitBroker(embedded.bootstrapServers(), checkTimeoutMs, "ORDERFLOW_KAFKA_EMBEDDED_PORT");
    return new KafkaInfrastructure(embedded.bootstrapServers(), embedded);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  public String describe() {
    return embedded == null
      ? bootstrapServers + " (external)"
      : bootstrapServers + " (embedded, log in " + embedded.logDir() + ")";
  }

  void registerHealthCheck(Vertx vertx, Readiness readiness) {
    healthAdmin = KafkaAdminClient.create(vertx, Map.of(
      AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
      AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000"));
    readiness.registerDependency("kafka", () -> healthAdmin.describeCluster()
      .map(cluster -> Status.OK(new JsonObject()
        .put("bootstrapServers", bootstrapServers)
        .put("brokers", cluster.getNodes().size()))));
  }

  /** Blocking. */
  void close() {
    if (healthAdmin != null) {
      healthAdmin.close().await();
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  private static void awaitBroker(String bootstrapServers, int timeoutMs, String setting) {
    try (Admin admin = Admin.create(Map.of(
      AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
      AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs))) {
      admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StartupException.of(setting, "interrupted while waiting for Kafka at " + bootstrapServers);
    } catch (Exception e) {
      throw StartupException.of(setting, "no Kafka broker answered at " + bootstrapServers + " within " + timeoutMs + " ms");
    }
  }

}

package dev.orderflow.platform.messaging;

import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.platform.core.Wiring;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.kafka.admin.KafkaAdminClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka this instance uses: the embedded broker when no bootstrap servers are configured,
 * otherwise the external cluster (with the operator's client properties), which must answer at startup.
 */
public final class KafkaInfrastructure {

  static final String BOOTSTRAP_SETTING = "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS";
  private static final String EMBEDDED_PORT_SETTING = "ORDERFLOW_KAFKA_EMBEDDED_PORT";
  private static final int HEALTH_CHECK_TIMEOUT_MS = 2000;

  private final KafkaClients clients;
  private final EmbeddedKafka embedded;
  private KafkaAdminClient healthAdmin;

  private KafkaInfrastructure(KafkaClients clients, EmbeddedKafka embedded) {
    this.clients = clients;
    this.embedded = embedded;
  }

  /** Blocking: starts the embedded broker or checks the external one, then waits until it answers. */
  @Wiring
  public static KafkaInfrastructure start(JsonObject kafkaConfig, Path dataDir, int checkTimeoutMs) {
    String external = kafkaConfig.getString("bootstrap-servers");
    if (!external.isEmpty()) {
      KafkaClients clients = KafkaClients.external(external, kafkaConfig);
      awaitBroker(clients, checkTimeoutMs, BOOTSTRAP_SETTING);
      return new KafkaInfrastructure(clients, null);
    }
    KafkaClients.configuredSetting(kafkaConfig).ifPresent(setting -> {
      throw StartupException.of(setting, "applies to an external Kafka only (" + BOOTSTRAP_SETTING
        + "); the embedded broker listens on 127.0.0.1 without TLS or SASL");
    });
    EmbeddedKafka embedded;
    try {
      embedded = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaConfig.getInteger("embedded-port"));
    } catch (RuntimeException e) {
      throw StartupException.of(EMBEDDED_PORT_SETTING, "the embedded Kafka broker did not start: " + e.getMessage());
    }
    KafkaClients clients = KafkaClients.plaintext(embedded.bootstrapServers());
    awaitBroker(clients, checkTimeoutMs, EMBEDDED_PORT_SETTING);
    return new KafkaInfrastructure(clients, embedded);
  }

  @Wiring
  public KafkaClients clients() {
    return clients;
  }

  public String describe() {
    if (embedded != null) {
      return clients.bootstrapServers() + " (embedded, log in " + embedded.logDir() + ")";
    }
    String properties = clients.describe();
    return clients.bootstrapServers() + " (external" + (properties.isEmpty() ? "" : ", " + properties) + ")";
  }

  @Wiring
  public void registerHealthCheck(Vertx vertx, Readiness readiness) {
    healthAdmin = KafkaAdminClient.create(vertx, clients.admin(HEALTH_CHECK_TIMEOUT_MS));
    readiness.registerDependency("kafka", () -> healthAdmin.describeCluster()
      .map(cluster -> Status.OK(new JsonObject()
        .put("bootstrapServers", clients.bootstrapServers())
        .put("brokers", cluster.getNodes().size()))));
  }

  /** Blocking. */
  @Wiring
  public void close() {
    if (healthAdmin != null) {
      healthAdmin.close().await();
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  private static void awaitBroker(KafkaClients clients, int timeoutMs, String setting) {
    String bootstrapServers = clients.bootstrapServers();
    Admin created;
    try {
      created = Admin.create(clients.admin(timeoutMs));
    } catch (KafkaException e) {
      throw StartupException.of(clients.propertiesSetting(), "the Kafka clients cannot be created: " + StartupException.rootMessage(e));
    }
    try (Admin admin = created) {
      admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StartupException.of(setting, "interrupted while waiting for Kafka at " + bootstrapServers);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException refused) {
        throw StartupException.of(clients.propertiesSetting(), "authentication with Kafka at " + bootstrapServers + " failed: "
          + refused.getMessage());
      }
      throw unanswered(setting, bootstrapServers, timeoutMs);
    } catch (Exception e) {
      throw unanswered(setting, bootstrapServers, timeoutMs);
    }
  }

  private static StartupException unanswered(String setting, String bootstrapServers, int timeoutMs) {
    return StartupException.of(setting, "no Kafka broker answered at " + bootstrapServers + " within " + timeoutMs + " ms"
      + (BOOTSTRAP_SETTING.equals(setting) ? " (one that requires TLS or SASL needs " + KafkaClients.PROPERTIES_SETTING + ")" : ""));
  }
}

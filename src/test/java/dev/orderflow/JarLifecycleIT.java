package dev.orderflow;

import dev.orderflow.support.Http;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("java -jar target/orderflow.jar: start, serve, SIGTERM, restart with data and topics kept")
class JarLifecycleIT {

  private static final Duration READY = Duration.ofSeconds(60);
  private static final String TOPIC = "orderflow.it-restart";
  private static final String INTERPRETED_CHECKS = "the JVM runs without -XX:-DontCompileHugeMethods";

  @Test
  @DisplayName("serves the catalog, exits 0 on SIGTERM within 10 s, and keeps items, topics and cluster id across a restart")
  void lifecycle() throws Exception {
    Path dataDir = TestInstance.newDataDir();
    int httpPort = JarProcess.freePort();
    int kafkaPort = JarProcess.freePort();
    String clusterId;
    int seeded;

    try (JarProcess first = JarProcess.start(dataDir, httpPort, kafkaPort, Map.of()).awaitReady(READY)) {
      Http http = first.http();
      assertThat(http.get("/api/v1/items/MUG-0001").status()).isEqualTo(200);
      assertThat(http.putJson("/admin/catalog/items/IT-1", new JsonObject().put("name", "Kept").put("price", "2.00")
        .put("currency", "EUR")).status()).isEqualTo(201);
      seeded = countItems(http);
      try (Admin admin = admin(first)) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        clusterId = admin.describeCluster().clusterId().get();
      }
      assertThat(first.stdout()).contains("Orderflow ready in", "modules:  catalog, customers, inventory, orders, notifications, analytics, payment-provider, payments, checkout, gateway",
        "http:     gateway http://127.0.0.1:" + httpPort, "kafka:    127.0.0.1:" + kafkaPort + " (embedded", "database: jdbc:sqlite:");

      long started = System.nanoTime();
      int exitCode = first.terminate(Duration.ofSeconds(15));

      assertThat(exitCode).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(first.stdout()).contains("Orderflow stopped");
    }
    assertThat(Files.exists(dataDir.resolve("catalog.db"))).isTrue();
    assertThat(Files.exists(dataDir.resolve("kafka").resolve("meta.properties"))).isTrue();

    try (JarProcess second = JarProcess.start(dataDir, httpPort, kafkaPort, Map.of()).awaitReady(READY)) {
      Http http = second.http();
      assertThat(http.get("/api/v1/items/IT-1").body()).contains("\"name\":\"Kept\"");
      assertThat(countItems(http)).as("the demo catalog is seeded once").isEqualTo(seeded);
      try (Admin admin = admin(second)) {
        Set<String> topics = admin.listTopics().names().get();
        assertThat(topics).contains(TOPIC);
        assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
      }
      assertThat(second.terminate(Duration.ofSeconds(15))).isZero();
    }
  }

  @Test
  @DisplayName("--stop-when-ready stops in order and exits 0 once ready, with the build's class-data archive mapped (-Xshare:on fails on an archive that does not fit)")
  void stopsWhenReadyWithTheBuildsArchive() {
    assertThat(JarProcess.ARCHIVE).as("the build's training run wrote the archive").exists();

    try (JarProcess training = JarProcess.start(TestInstance.newDataDir(), JarProcess.freePort(), JarProcess.freePort(),
      Map.of(), List.of("-Xshare:on"), List.of("--stop-when-ready"))) {
      int exitCode = training.awaitExit(READY);

      assertThat(exitCode).as(training.stderr()).isZero();
      assertThat(training.stdout()).contains("Orderflow ready in", "ready: stopping as asked by --stop-when-ready", "Orderflow stopped")
        .as("started as the README starts it, huge methods are compiled").doesNotContain(INTERPRETED_CHECKS);
    }
  }

  @Test
  @DisplayName("a JVM that leaves huge methods uncompiled (HotSpot's default) starts, and the gateway warns once that the contract checks stay interpreted")
  void warnsWhenHugeMethodsStayInterpreted() {
    try (JarProcess jar = JarProcess.start(TestInstance.newDataDir(), JarProcess.freePort(), JarProcess.freePort(),
      Map.of(), List.of("-XX:+DontCompileHugeMethods"), List.of("--stop-when-ready"))) {
      int exitCode = jar.awaitExit(READY);

      assertThat(exitCode).as(jar.stderr()).isZero();
      assertThat(jar.stdout().split(INTERPRETED_CHECKS, -1)).as("one warning").hasSize(2);
    }
  }

  private static int countItems(Http http) {
    return http.get("/api/v1/items?limit=100").json().getJsonArray("items").size();
  }

  private static Admin admin(JarProcess jar) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, jar.kafkaBootstrapServers()));
  }
}

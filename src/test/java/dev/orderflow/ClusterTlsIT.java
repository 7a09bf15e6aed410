package dev.orderflow;

import dev.orderflow.platform.cluster.ClusterNode;
import dev.orderflow.platform.core.Metrics;
import dev.orderflow.support.Await;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.Shop;
import dev.orderflow.support.SigningKeys;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Cluster over TLS: the event bus with mutual authentication admits only members whose certificate is trusted")
class ClusterTlsIT {

  private static final Duration READY = Duration.ofSeconds(120);
  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final String PASSWORD = "cluster-test-" + UUID.randomUUID();
  private static final long REQUEST_TIMEOUT_MS = 5_000;

  @TempDir
  Path certificates;

  @Test
  @DisplayName("two jars with trusted certificates settle a checkout over the TLS bus; a member with a trusted certificate is answered, one with an untrusted certificate is not")
  void onlyTrustedMembersExchangeMessages() throws Exception {
    for (String node : List.of("node-a", "node-b", "tester", "intruder")) {
      keystore(node);
    }
    trust("trusted.p12", "node-a", "node-b", "tester");
    trust("intruder-trust.p12", "node-a", "node-b", "tester", "intruder");
    String cluster = "orderflow-tls-it-" + UUID.randomUUID();
    int kafkaPort = JarProcess.freePort();
    int probePort = JarProcess.freePort();
    Map<String, String> nodeA = tlsNode(cluster, "node-a");
    nodeA.put("ORDERFLOW_MODULES", "gateway,catalog,customers");
    Map<String, String> nodeB = tlsNode(cluster, "node-b");
    nodeB.putAll(Map.of(
      "ORDERFLOW_MODULES", "orders,checkout,inventory,payments,payment-provider,notifications,analytics",
      "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
      "ORDERFLOW_PROBE_PORT", String.valueOf(probePort)));

    try (JarProcess a = JarProcess.start(TestInstance.newDataDir(), JarProcess.freePort(), kafkaPort, nodeA).awaitReady(READY);
         JarProcess b = JarProcess.start(TestInstance.newDataDir(), probePort, JarProcess.freePort(), nodeB).awaitReady(READY)) {
      Shop shop = new Shop(a.http());
      String customer = shop.newCustomer();
      // the first call from A to B opens the bus connection between two cold JVMs; the 2 s request timeout is for warm ones
      Await.until("node A reaches the orders module on node B", READY, () -> shop.as(customer).get("/api/v1/orders").status() == 200);
      String order = shop.placeAccepted(Shop.order(customer, "tok_visa", "PEN-0001", 1));
      assertThat(shop.settled(order, SETTLE).getString("status")).isEqualTo("CONFIRMED");

      Vertx tester = member(cluster, "tester", "trusted.p12");
      Vertx intruder = member(cluster, "intruder", "intruder-trust.p12");
      try {
        JsonObject items = listItems(tester).body();
        assertThat(items.getJsonArray("items")).as("a trusted member is answered").isNotEmpty();
        assertThatThrownBy(() -> listItems(intruder)).as("a member without a trusted certificate gets no answer")
          .isInstanceOfSatisfying(ReplyException.class, noAnswer -> assertThat(noAnswer.failureType()).isEqualTo(ReplyFailure.TIMEOUT));
      } finally {
        intruder.close().await();
        tester.close().await();
      }
      assertThat(b.terminate(Duration.ofSeconds(30))).isZero();
      assertThat(a.terminate(Duration.ofSeconds(30))).isZero();
    }
  }

  private Map<String, String> tlsNode(String cluster, String name) {
    return new HashMap<>(Map.of(
      "ORDERFLOW_CLUSTER", "true",
      "ORDERFLOW_CLUSTER_NAME", cluster,
      "ORDERFLOW_JWT_PRIVATE_KEY_FILE", SigningKeys.shared().toString(),
      "ORDERFLOW_CLUSTER_TLS", "true",
      "ORDERFLOW_CLUSTER_TLS_KEYSTORE_FILE", certificates.resolve(name + ".p12").toString(),
      "ORDERFLOW_CLUSTER_TLS_KEYSTORE_PASSWORD", PASSWORD,
      "ORDERFLOW_CLUSTER_TLS_TRUSTSTORE_FILE", certificates.resolve("trusted.p12").toString(),
      "ORDERFLOW_CLUSTER_TLS_TRUSTSTORE_PASSWORD", PASSWORD));
  }

  /** A clustered Vert.x in this JVM that joins the same cluster (Hazelcast lets anyone with the name in) with its own certificate. */
  private Vertx member(String cluster, String name, String truststore) {
    JsonObject settings = new JsonObject()
      .put("name", cluster).put("members", new JsonArray().add("127.0.0.1")).put("host", "127.0.0.1").put("public-host", "")
      .put("port", 5701).put("bus-port", 0).put("heartbeat-interval-seconds", 1).put("max-no-heartbeat-seconds", 5)
      .put("tls-enabled", true).put("tls-key-file", "").put("tls-cert-file", "")
      .put("tls-keystore-file", certificates.resolve(name + ".p12").toString()).put("tls-keystore-password", PASSWORD)
      .put("tls-trust-file", "")
      .put("tls-truststore-file", certificates.resolve(truststore).toString()).put("tls-truststore-password", PASSWORD);
    return ClusterNode.join(new Metrics(), settings).vertx();
  }

  private static Message<JsonObject> listItems(Vertx member) throws Exception {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS)
      .addHeader("action", "list-items").addHeader("timeout-ms", String.valueOf(REQUEST_TIMEOUT_MS))
      .addHeader("correlation-id", "cluster-tls-it");
    return member.eventBus().<JsonObject>request("catalog.requests", new JsonObject(), options)
      .await(REQUEST_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
  }

  private void keystore(String name) throws IOException, InterruptedException {
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
      "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", certificates.resolve(name + ".p12").toString(),
      "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", name, "-keystore", certificates.resolve(name + ".p12").toString(),
      "-storepass", PASSWORD, "-file", certificates.resolve(name + ".crt").toString());
  }

  private void trust(String store, String... names) throws IOException, InterruptedException {
    for (String name : names) {
      keytool("-importcert", "-noprompt", "-alias", name, "-file", certificates.resolve(name + ".crt").toString(),
        "-keystore", certificates.resolve(store).toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
  }
}

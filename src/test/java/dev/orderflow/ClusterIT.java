package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.ClusterView;
import dev.orderflow.support.Http;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.Shop;
import dev.orderflow.support.SigningKeys;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Cluster: the same jar as two instances on the clustered event bus, modules placed by configuration")
class ClusterIT {

  private static final Duration READY = Duration.ofSeconds(120);
  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final Duration LEFT = Duration.ofSeconds(30);
  private static final int ORDERS = 8;

  @Test
  @DisplayName("node A (gateway, catalog, customers) and node B (the rest) settle checkouts together; B answers its own probes; B killed: A unpublishes its records and answers 503 at once; B restarted: checkouts settle again")
  void placementAcrossTwoJvms() {
    String cluster = "orderflow-it-" + UUID.randomUUID();
    int kafkaPort = JarProcess.freePort();
    Map<String, String> clustered = Map.of("ORDERFLOW_CLUSTER", "true", "ORDERFLOW_CLUSTER_NAME", cluster,
      "ORDERFLOW_JWT_PRIVATE_KEY_FILE", SigningKeys.shared().toString());
    int probePort = JarProcess.freePort();
    Map<String, String> nodeB = new HashMap<>(clustered);
    nodeB.putAll(Map.of(
      "ORDERFLOW_MODULES", "orders,checkout,inventory,payments,payment-provider,notifications,analytics",
      "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
      "ORDERFLOW_PROBE_PORT", String.valueOf(probePort)));
    Map<String, String> nodeA = new HashMap<>(clustered);
    nodeA.put("ORDERFLOW_MODULES", "gateway,catalog,customers");

    Path dataDirB = TestInstance.newDataDir();
    // A first: it hosts the embedded broker that B uses
    try (JarProcess a = JarProcess.start(TestInstance.newDataDir(), JarProcess.freePort(), kafkaPort, nodeA).awaitReady(READY);
         JarProcess b = JarProcess.start(dataDirB, probePort, JarProcess.freePort(), nodeB).awaitReady(READY)) {

      JsonObject readiness = b.http().get("/health/ready").json();
      assertThat(checkNamed(readiness, "cluster")).as(readiness.encode()).isNotNull();
      assertThat(checkNamed(readiness, "cluster").getString("status")).isEqualTo("UP");
      assertThat(b.http().get("/health/live").status()).isEqualTo(200);
      assertThat(b.http().get("/metrics").body()).contains("orderflow_db_commits_total{module=\"orders\"}");
      assertThat(b.http().get("/api/v1/items").status()).as("node B serves probes only").isEqualTo(404);

      Shop shop = new Shop(a.http());
      String customer = shop.newCustomer();
      // the first call from A to B opens the bus connection between two cold JVMs; the 2 s request timeout is for warm ones
      Await.until("node A reaches the orders module on node B", READY, () -> shop.as(customer).get("/api/v1/orders").status() == 200);
      List<String> orders = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        orders.add(shop.placeAccepted(Shop.order(customer, "tok_visa", "PEN-0001", 1)));
      }
      for (String orderId : orders) {
        assertThat(shop.settled(orderId, SETTLE).getString("status")).as(orderId).isEqualTo("CONFIRMED");
      }
      assertThat(a.stdout()).contains("cluster:  " + cluster);
      JsonObject view = a.http().get("/admin/cluster").json();
      assertThat(view.getBoolean("clustered")).isTrue();
      assertThat(view.getJsonArray("members")).as(view.encode()).hasSize(2);
      JsonObject gatewayNode = ClusterView.memberRunning(view, "gateway");
      JsonObject ordersNode = ClusterView.memberRunning(view, "orders");
      assertThat(gatewayNode.getBoolean("reachable")).isTrue();
      assertThat(gatewayNode.getJsonObject("breakers").getString("orders")).as(view.encode()).isEqualTo("CLOSED");
      assertThat(ordersNode.getBoolean("reachable")).isTrue();
      assertThat(ordersNode.getString("host")).isEqualTo("127.0.0.1");
      assertThat(ordersNode.getJsonArray("records").stream().map(record -> ((JsonObject) record).getString("name")))
        .contains("orders", "checkout", "payment-provider");
      assertThat(new Http(a.http().baseUrl()).get("/admin/cluster").status()).as("admin only").isEqualTo(401);

      b.kill();
      Await.until("node A unpublishes the records of node B, killed with kill -9", LEFT, () ->
        a.stdout().contains("unpublished orders of node") && a.stdout().contains("unpublished payment-provider of node"));
      long asked = System.nanoTime();
      Http.Response withoutOrders = shop.as(customer).post("/api/v1/orders", "application/json",
        Shop.order(customer, "tok_visa", "PEN-0001", 1).encode());
      assertThat(withoutOrders.status()).as(withoutOrders.body()).isEqualTo(503);
      assertThat(withoutOrders.body()).contains("orders");
      assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("answered at once, not after a timeout").isLessThan(Duration.ofSeconds(1));
      assertThat(a.http().get("/admin/cluster").json().getJsonArray("members")).as("node B's record went with it").hasSize(1);

      try (JarProcess restarted = JarProcess.start(dataDirB, probePort, JarProcess.freePort(), nodeB).awaitReady(READY)) {
        String afterRestart = shop.placeAccepted(Shop.order(customer, "tok_visa", "PEN-0001", 1));
        assertThat(shop.settled(afterRestart, SETTLE).getString("status")).isEqualTo("CONFIRMED");
        assertThat(restarted.terminate(Duration.ofSeconds(30))).as("node B stops cleanly on SIGTERM").isZero();
      }
      assertThat(a.terminate(Duration.ofSeconds(30))).as("node A stops cleanly on SIGTERM").isZero();
    }
  }

  /** A check of the health report by the last part of its id ({@code dependencies/cluster} → {@code cluster}), or null. */
  private static JsonObject checkNamed(JsonObject report, String name) {
    JsonArray checks = report.getJsonArray("checks", new JsonArray());
    for (Object check : checks) {
      JsonObject found = find((JsonObject) check, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static JsonObject find(JsonObject check, String name) {
    if (name.equals(check.getString("id"))) {
      return check;
    }
    for (Object inner : check.getJsonArray("checks", new JsonArray())) {
      JsonObject found = find((JsonObject) inner, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}

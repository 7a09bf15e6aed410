package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.ClusterView;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.KafkaCluster;
import dev.orderflow.support.OrderArrivals;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.ProviderLedger;
import dev.orderflow.support.Shop;
import dev.orderflow.support.SigningKeys;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster as the design card draws it: three nodes of the jar with split placement on one
 * PostgreSQL and a three-broker Kafka (separate processes), orders placed through the gateway on
 * node A completing through modules on nodes B and C. Node B (orders, checkout, inventory) is
 * killed with SIGKILL while orders keep arriving and the provider is slow, so sagas are caught
 * mid-charge; restarted, it takes those sagas over (their leases ran out), and every accepted order
 * ends terminal, charged at most once, with stock and money adding up.
 */
@DisplayName("Three nodes, split placement, three brokers: kill -9 of a non-gateway node under load, then restart")
class ClusterProofIT {

  private static final int RATE = Integer.getInteger("orderflow.cluster-proof.rate", 10);
  private static final int CUSTOMERS = 6;
  private static final Duration READY = Duration.ofSeconds(150);
  private static final Duration LOADING = Duration.ofSeconds(90);
  private static final Duration SETTLE = Duration.ofSeconds(150);
  private static final Duration RECORDS_GONE = Duration.ofSeconds(10);
  private static final int PROVIDER_LATENCY_MS = 1500;

  @Test
  @DisplayName("orders through A complete on B and C; B killed: its records go within 10 s; B restarted: it takes over the sagas it held and every accepted order settles once")
  void nonGatewayNodeKilledUnderLoad() throws Exception {
    String schemaPrefix = Postgres.uniqueSchemaPrefix();
    String cluster = "orderflow-proof-" + UUID.randomUUID();
    try (KafkaCluster kafka = KafkaCluster.start()) {
      Map<String, String> shared = Map.of(
        "ORDERFLOW_CLUSTER", "true",
        "ORDERFLOW_CLUSTER_NAME", cluster,
        "ORDERFLOW_JWT_PRIVATE_KEY_FILE", SigningKeys.shared().toString(),
        "ORDERFLOW_DB_URL", Postgres.URL,
        "ORDERFLOW_DB_SCHEMA_PREFIX", schemaPrefix,
        "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      int probeB = JarProcess.freePort();
      int probeC = JarProcess.freePort();
      Path dataDirB = TestInstance.newDataDir();
      Map<String, String> nodeB = node(shared, "orders,checkout,inventory", probeB);
      try (JarProcess a = JarProcess.start(TestInstance.newDataDir(), node(shared, "gateway,catalog,customers", null)).awaitReady(READY);
           JarProcess b = JarProcess.start(dataDirB, probeB, JarProcess.freePort(), nodeB).awaitReady(READY);
           JarProcess c = JarProcess.start(TestInstance.newDataDir(), probeC, JarProcess.freePort(),
             node(shared, "payments,payment-provider,notifications,analytics", probeC)).awaitReady(READY)) {
        Shop shop = new Shop(a.http());
        JsonObject view = a.http().get("/admin/cluster").json();
        assertThat(view.getJsonArray("members")).as(view.encode()).hasSize(3);
        String nodeIdOfB = ClusterView.memberRunning(view, "checkout").getString("node");
        assertThat(ClusterView.memberRunning(view, "payments").getString("node")).isNotEqualTo(nodeIdOfB);

        String first = shop.newCustomer();
        // the first calls between cold JVMs open their bus connections; the 2 s request timeout is for warm ones
        Await.until("node A reaches the orders module on node B", READY, () -> shop.as(first).get("/api/v1/orders").status() == 200);
        String warmUp = shop.placeAccepted(Shop.order(first, "tok_visa", "PEN-0001", 1));
        assertThat(shop.settled(warmUp, SETTLE).getString("status")).as("an order through A settles on B and C").isEqualTo("CONFIRMED");

        OrderArrivals load = OrderArrivals.start(shop, CUSTOMERS, RATE);
        long killedAt;
        try {
          load.awaitAccepted(RATE * 3, LOADING);
          shop.faults(new JsonObject().put("latencyMs", PROVIDER_LATENCY_MS).put("errorRate", 0).put("outage", false));
          load.awaitAccepted(load.accepted().size() + RATE * 2, LOADING);
          long running = shop.sagas("RUNNING").size();
          killedAt = System.nanoTime();
          b.kill();
          System.out.printf("kill -9 of node B (%s) with %d sagas running, %d orders accepted%n", nodeIdOfB, running, load.accepted().size());
          Await.until("node A unpublishes the records of node B", RECORDS_GONE, () ->
            a.stdout().contains("unpublished orders of node " + nodeIdOfB) && a.stdout().contains("unpublished checkout of node " + nodeIdOfB));
          System.out.printf("failover: node B's records unpublished %d ms after the kill%n", sinceMs(killedAt));
          try (JarProcess restarted = JarProcess.start(dataDirB, probeB, JarProcess.freePort(), nodeB).awaitReady(READY)) {
            System.out.printf("failover: node B restarted and ready %d ms after the kill%n", sinceMs(killedAt));
            shop.noFaults();
            int acceptedBefore = load.accepted().size();
            load.awaitAccepted(acceptedBefore + RATE * 3, LOADING);
            System.out.printf("failover: orders accepted again %d ms after the kill%n", sinceMs(killedAt));
            load.close();
            System.out.printf("orders at %d/s: %s%n", RATE, load.summary());
            shop.assertInvariants(SETTLE);
            long confirmed = shop.assertCheckoutsFinished(load.accepted(), ProviderLedger.postgres(schemaPrefix));
            System.out.printf("%d accepted orders settled, %d confirmed%n", load.accepted().size(), confirmed);
            List<String> takeovers = restarted.stdout().lines().filter(line -> line.contains("taken over from " + nodeIdOfB)).toList();
            System.out.printf("failover: %d sagas taken over from the killed node%n", takeovers.size());
            assertThat(takeovers).as("the restarted node logs the takeover of the sagas the killed one held").isNotEmpty();
            assertThat(restarted.terminate(Duration.ofSeconds(30))).as("node B stops cleanly").isZero();
          }
        } finally {
          load.close();
        }
        assertThat(c.terminate(Duration.ofSeconds(30))).as("node C stops cleanly").isZero();
        assertThat(a.terminate(Duration.ofSeconds(30))).as("node A stops cleanly").isZero();
      }
    } finally {
      Postgres.dropSchemas(schemaPrefix);
    }
  }

  private static Map<String, String> node(Map<String, String> shared, String modules, Integer probePort) {
    Map<String, String> settings = new HashMap<>(shared);
    settings.put("ORDERFLOW_MODULES", modules);
    if (probePort != null) {
      settings.put("ORDERFLOW_PROBE_PORT", String.valueOf(probePort));
    }
    return settings;
  }

  private static long sinceMs(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}

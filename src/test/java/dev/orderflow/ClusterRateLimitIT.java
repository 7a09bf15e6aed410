package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.SigningKeys;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rate limits in a cluster: one client hammering two gateway JVMs gets its cluster-wide limit plus at most one lease chunk per gateway, not twice the limit")
class ClusterRateLimitIT {

  private static final Duration READY = Duration.ofSeconds(120);
  private static final int BURST = 20;
  private static final int CHUNK = 5;
  private static final int REQUESTS_PER_NODE = 40;

  @Test
  void oneClientLimitAcrossTwoGateways() throws Exception {
    String limits = new JsonObject()
      .put("perClient", Map.of("rate", 0.01, "burst", BURST))
      .put("global", Map.of("rate", 1000, "burst", 1000))
      .encode();
    String apiKeyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("rl-key".getBytes(StandardCharsets.UTF_8)));
    Map<String, String> gateway = Map.of(
      "ORDERFLOW_CLUSTER", "true",
      "ORDERFLOW_CLUSTER_NAME", "orderflow-rl-it-" + UUID.randomUUID(),
      "ORDERFLOW_RATE_LIMIT_ENABLED", "true",
      "ORDERFLOW_RATE_LIMITS", limits,
      "ORDERFLOW_RATE_LIMIT_LEASE_CHUNK", String.valueOf(CHUNK),
      "ORDERFLOW_API_KEYS_SHA256", apiKeyHash,
      "ORDERFLOW_JWT_PRIVATE_KEY_FILE", SigningKeys.shared().toString());
    int kafkaPort = JarProcess.freePort();
    Map<String, String> nodeA = new HashMap<>(gateway);
    nodeA.put("ORDERFLOW_MODULES", "gateway,catalog");
    Map<String, String> nodeB = new HashMap<>(gateway);
    nodeB.putAll(Map.of("ORDERFLOW_MODULES", "gateway", "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
      "ORDERFLOW_STARTUP_CHECK_TIMEOUT_MS", String.valueOf(READY.toMillis())));

    // both start at once (one JVM start's wait instead of two): B waits for A's embedded broker
    try (JarProcess a = JarProcess.start(TestInstance.newDataDir(), JarProcess.freePort(), kafkaPort, nodeA);
         JarProcess b = JarProcess.start(TestInstance.newDataDir(), nodeB)) {
      a.awaitReady(READY);
      b.awaitReady(READY);
      Await.until("both gateways are members of one cluster", READY,
        () -> a.http().get("/admin/cluster").json().getJsonArray("members").size() == 2);

      List<Http> gateways = List.of(new Http(a.http().baseUrl(), "X-API-Key", "rl-key"), new Http(b.http().baseUrl(), "X-API-Key", "rl-key"));
      int[] admitted = new int[2];
      int[] refused = new int[2];
      for (int i = 0; i < REQUESTS_PER_NODE; i++) {
        for (int node = 0; node < 2; node++) {
          Http.Response answer = gateways.get(node).get("/api/v1/items/MUG-0001");
          if (answer.status() == 429) {
            refused[node]++;
            assertThat(answer.header("Retry-After")).isNotNull();
          } else {
            admitted[node]++;
            assertThat(answer.header("RateLimit-Limit")).as("the client's cluster-wide limit").isEqualTo(String.valueOf(BURST));
          }
        }
      }
      int total = admitted[0] + admitted[1];
      System.out.printf("one client, limit %d, two gateways: admitted %d on A and %d on B (%d), refused %d and %d%n",
        BURST, admitted[0], admitted[1], total, refused[0], refused[1]);
      assertThat(total).as("admitted on A %d, on B %d: the limit of %d, at most one chunk of %d beyond it per gateway, never %d",
        admitted[0], admitted[1], BURST, CHUNK, 2 * BURST).isBetween(BURST, BURST + 2 * CHUNK);
      assertThat(Math.min(admitted[0], admitted[1])).as("both gateways served the client").isPositive();
      assertThat(Math.min(refused[0], refused[1])).as("and both refused it once the shared bucket ran dry").isPositive();
      assertThat(gateways.get(0).get("/api/v1/items/MUG-0001").status()).as("still refused: the rate is one token per 100 s").isEqualTo(429);
    }
  }
}

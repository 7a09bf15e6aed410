package dev.orderflow.gateway;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.RawHttp;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rate limiting: a burst passes, then 429 with Retry-After and RateLimit headers, then recovery after the refill")
class RateLimitTest {

  private static final String LIMITS = new JsonObject()
    .put("perClient", Map.of("rate", 1, "burst", 10))
    .put("global", Map.of("rate", 1000, "burst", 1000))
    .put("routes", List.of(Map.of("prefix", "/api/v1/customers", "rate", 0.1, "burst", 2)))
    .encode();

  @Test
  void burstThenRefusalThenRecovery() throws Exception {
    String apiKeyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("k1".getBytes(StandardCharsets.UTF_8)));
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_RATE_LIMIT_ENABLED", "true",
      "ORDERFLOW_RATE_LIMITS", LIMITS, "ORDERFLOW_API_KEYS_SHA256", apiKeyHash)) {
      Http http = new Http(orderflow.http().baseUrl());

      int allowed = 0;
      Http.Response refused = http.get("/api/v1/items/MUG-0001");
      while (refused.status() == 200 && allowed < 30) {
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("10");
        allowed++;
        refused = http.get("/api/v1/items/MUG-0001");
      }

      assertThat(allowed).as("the burst passes, refills during it included").isBetween(10, 29);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);
      assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
      assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).as("seconds until the bucket is full").isBetween(9L, 10L);
      assertThat(http.get("/health/ready").status()).as("health is never limited").isEqualTo(200);
      assertThat(http.get("/metrics").body()).contains("orderflow_ratelimit_rejections_total 1.0");
      assertThat(new Http(http.baseUrl(), "X-API-Key", "k1").get("/api/v1/items/MUG-0001").status())
        .as("another client has its own bucket").isEqualTo(200);

      Await.until("the bucket refilled", Duration.ofSeconds(3), () -> http.get("/api/v1/items/MUG-0001").status() == 200);

      Http keyed = new Http(http.baseUrl(), "X-API-Key", "k1");
      assertThat(keyed.get("/api/v1/customers/x").status()).isNotEqualTo(429);
      assertThat(keyed.get("/api/v1/customers/x").status()).isNotEqualTo(429);
      assertThat(keyed.get("/api/v1/customers/x").status()).as("stricter route limit").isEqualTo(429);
    }
  }

  @Test
  @DisplayName("a client's connections land on the gateway's several event loops, and share one bucket")
  void oneBucketAcrossEventLoops() {
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_RATE_LIMIT_ENABLED", "true",
      "ORDERFLOW_RATE_LIMITS", limits(0.01, 10, 1000, 1000), "ORDERFLOW_HTTP_EVENT_LOOPS", "4")) {
      RawHttp raw = new RawHttp(orderflow.http().baseUrl());
      // a connection each: Vert.x hands new connections to the event loops in turn
      List<Integer> statuses = IntStream.range(0, 40).mapToObj(i -> raw.send("GET", "/api/v1/items/MUG-0001", null, null).status()).toList();

      assertThat(statuses.stream().filter(status -> status == 200).count()).as("the burst of one bucket, not of one per event loop")
        .isEqualTo(10);
      assertThat(statuses.stream().filter(status -> status == 429).count()).isEqualTo(30);
    }
  }

  @Test
  @DisplayName("behind a trusted proxy the client is the right-most untrusted X-Forwarded-For address; elsewhere the header is ignored; buckets stay bounded")
  void forwardedClientsAndBoundedBuckets() {
    String limits = limits(0.01, 3, 0.01, 30);
    try (TestInstance behindProxy = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_RATE_LIMIT_ENABLED", "true",
      "ORDERFLOW_RATE_LIMITS", limits, "ORDERFLOW_TRUSTED_PROXIES", "127.0.0.0/8,10.1.2.3", "ORDERFLOW_RATE_LIMIT_MAX_CLIENTS", "4")) {
      Http http = new Http(behindProxy.http().baseUrl());
      for (int i = 0; i < 3; i++) {
        assertThat(http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(200);
      }
      assertThat(http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(429);
      assertThat(http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "198.51.100.1, 203.0.113.7, 10.1.2.3").status())
        .as("a forged left-most address and a trusted proxy hop do not make another client").isEqualTo(429);
      assertThat(http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "203.0.113.8").status()).as("another client").isEqualTo(200);
      for (int i = 1; i <= 3; i++) {
        assertThat(http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "2001:db8:1:2::" + i).status()).isEqualTo(200);
      }
      assertThat(http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "2001:db8:1:2:ffff::9").status())
        .as("another address of the same IPv6 /64 is the same client").isEqualTo(429);

      for (int i = 0; i < 20; i++) {
        http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "192.0.2." + i);
      }
      assertThat(gauge(http, "orderflow_ratelimit_clients")).as("buckets held, at most max-clients").isEqualTo(4);
    }
    try (TestInstance direct = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_RATE_LIMIT_ENABLED", "true",
      "ORDERFLOW_RATE_LIMITS", limits)) {
      Http http = new Http(direct.http().baseUrl());
      for (int i = 0; i < 3; i++) {
        assertThat(http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "192.0.2." + i).status()).isEqualTo(200);
      }
      assertThat(http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "192.0.2.99").status())
        .as("without trusted proxies the header is ignored: one client, the socket's address").isEqualTo(429);
    }
  }

  @Test
  @DisplayName("over the global limit no client bucket is created")
  void globalLimitFirst() {
    String limits = limits(1, 5, 0.01, 3);
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_RATE_LIMIT_ENABLED", "true",
      "ORDERFLOW_RATE_LIMITS", limits, "ORDERFLOW_TRUSTED_PROXIES", "127.0.0.1")) {
      Http http = new Http(orderflow.http().baseUrl());
      int refused = 0;
      for (int i = 0; i < 10; i++) {
        refused += http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "192.0.2." + i).status() == 429 ? 1 : 0;
      }
      assertThat(refused).isEqualTo(7);
      assertThat(gauge(http, "orderflow_ratelimit_clients")).isEqualTo(3);
    }
  }

  @Test
  @DisplayName("a client hammering past its own limit does not spend the global limit that the others share")
  void oneClientCannotDrainTheGlobalLimit() {
    String limits = limits(0.01, 2, 0.01, 10);
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_RATE_LIMIT_ENABLED", "true",
      "ORDERFLOW_RATE_LIMITS", limits, "ORDERFLOW_TRUSTED_PROXIES", "127.0.0.1")) {
      Http http = new Http(orderflow.http().baseUrl());
      for (int i = 0; i < 30; i++) {
        http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "203.0.113.66");
      }
      for (int i = 0; i < 4; i++) {
        assertThat(http.get("/api/v1/items/MUG-0001", "X-Forwarded-For", "192.0.2." + i).status()).as("another client").isEqualTo(200);
      }
    }
  }

  private static double gauge(Http http, String name) {
    return http.get("/metrics").body().lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
      .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
  }

  private static String limits(double clientRate, int clientBurst, double globalRate, int globalBurst) {
    return new JsonObject().put("perClient", Map.of("rate", clientRate, "burst", clientBurst))
      .put("global", Map.of("rate", globalRate, "burst", globalBurst)).encode();
  }
}

package dev.orderflow.gateway;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
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
}

package dev.orderflow.gateway;

import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("CORS, when configured, admits exactly the listed origins")
class CorsTest {

  @Test
  void listedOriginsOnly() {
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway",
      "ORDERFLOW_CORS_ORIGINS", "https://shop.example.com")) {
      Http http = orderflow.http();

      Http.Response allowed = http.get("/api/v1/items/MUG-0001", "Origin", "https://shop.example.com");
      Http.Response other = http.get("/api/v1/items/MUG-0001", "Origin", "https://evil.example.com");

      assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
      assertThat(allowed.header("Access-Control-Expose-Headers")).contains("X-Correlation-Id");
      assertThat(other.header("Access-Control-Allow-Origin")).isNull();
      assertThat(other.status()).isEqualTo(403);
      assertThat(other.contentType()).isEqualTo("application/problem+json");
    }
  }
}

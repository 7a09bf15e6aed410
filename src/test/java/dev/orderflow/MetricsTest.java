package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("/metrics: Vert.x, JVM and Orderflow meters in the Prometheus format, accepted by promtool")
class MetricsTest {

  @Test
  void prometheusMetrics() throws IOException, InterruptedException {
    try (TestInstance orderflow = TestInstance.start()) {
      Http http = orderflow.http();
      String id = http.post("/api/v1/customers", "application/json",
        new JsonObject().put("email", "metered@example.com").put("name", "Metered").encode()).json().getString("id");
      http.get("/api/v1/items/MUG-0001");
      Await.until("the welcome message", Duration.ofSeconds(20),
        () -> !http.get("/api/v1/customers/" + id + "/notifications").json().getJsonArray("notifications").isEmpty());
      Await.until("lag and backlog gauges are refreshed", Duration.ofSeconds(15), () -> {
        String body = http.get("/metrics").body();
        return body.contains("orderflow_consumer_lag{group=\"analytics\"") && body.contains("orderflow_consumer_lag{group=\"notifications\"")
          && body.contains("orderflow_outbox_backlog{");
      });

      Http.Response metrics = http.get("/metrics");

      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.contentType()).startsWith("text/plain");
      assertThat(metrics.body()).contains(
        "orderflow_messages_produced_total{topic=\"orderflow.customers\"}",
        "orderflow_messages_consumed_total{group=\"notifications\"}",
        "orderflow_consumer_lag{group=\"analytics\"",
        "orderflow_outbox_backlog{module=\"customers\"}",
        "orderflow_breaker_state{service=\"catalog\"} 0.0",
        "vertx_http_server_requests_total",
        "route=\"/api/v1/items/:sku\"",
        "vertx_eventbus_",
        "jvm_memory_used_bytes");
      assertThat(promtoolCheck(metrics.body())).isEqualTo("");
    }
  }

  /** promtool's complaints about the exposition, empty when it is clean. */
  private static String promtoolCheck(String exposition) throws IOException, InterruptedException {
    Process promtool = new ProcessBuilder(List.of("promtool", "check", "metrics")).redirectErrorStream(true).start();
    try (OutputStream in = promtool.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.exitValue()).as(output).isZero();
    return output.strip();
  }
}

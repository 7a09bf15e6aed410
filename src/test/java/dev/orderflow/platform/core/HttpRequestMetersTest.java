package dev.orderflow.platform.core;

import dev.orderflow.support.RawHttp;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("HTTP server requests are metered under vertx-micrometer-metrics' names and labels, on meters resolved once")
class HttpRequestMetersTest {

  private final Metrics metrics = new Metrics();
  private Vertx vertx;
  private RawHttp http;

  @BeforeEach
  void serve() {
    vertx = metrics.newVertx();
    Router router = Router.router(vertx);
    router.get("/items/:sku").handler(ctx -> ctx.response().end("{\"sku\":\"" + ctx.pathParam("sku") + "\"}"));
    router.post("/items/:sku").handler(BodyHandler.create()).handler(ctx -> ctx.response().setStatusCode(201).end());
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    http = new RawHttp("http://127.0.0.1:" + server.actualPort());
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void countsEachRequestByMethodRouteAndStatus() {
    for (String sku : new String[] {"MUG-0001", "PEN-0001", "MUG-0001"}) {
      assertThat(http.send("GET", "/items/" + sku, null, null).status()).isEqualTo(200);
    }
    assertThat(http.send("POST", "/items/MUG-0001", "application/json", "{\"n\":12345}").status()).isEqualTo(201);
    assertThat(http.send("GET", "/nowhere", null, null).status()).isEqualTo(404);

    assertThat(scrape()).contains(
      "vertx_http_server_requests_total{code=\"200\",method=\"GET\",route=\"/items/:sku\"} 3.0",
      "vertx_http_server_requests_total{code=\"201\",method=\"POST\",route=\"/items/:sku\"} 1.0",
      "vertx_http_server_requests_total{code=\"404\",method=\"GET\",route=\"\"} 1.0",
      "vertx_http_server_response_time_seconds_count{code=\"200\",method=\"GET\",route=\"/items/:sku\"} 3",
      "vertx_http_server_response_bytes_sum{code=\"200\",method=\"GET\",route=\"/items/:sku\"} 54.0",
      "vertx_http_server_request_bytes_sum{method=\"POST\"} 11.0",
      "vertx_http_server_active_requests{method=\"GET\"} 0.0",
      "vertx_http_server_active_requests{method=\"POST\"} 0.0")
      .doesNotContain("method=\"DELETE\"");
  }

  @Test
  void labelsAnInventedMethodAsOther() {
    http.send("BREW", "/items/MUG-0001", null, null);
    http.send("WHEN", "/items/MUG-0001", null, null);

    String exposition = scrape();
    assertThat(exposition).contains("method=\"" + HttpRequestMeters.OTHER_METHOD + "\"").doesNotContain("BREW", "WHEN");
    assertThat(exposition.lines().filter(line -> line.startsWith("vertx_http_server_requests_total{") && line.contains(HttpRequestMeters.OTHER_METHOD))
      .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum()).isEqualTo(2.0);
  }

  private String scrape() {
    return ((PrometheusMeterRegistry) metrics.registry()).scrape();
  }
}

package dev.orderflow.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.RunningOrderflow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The catalog slice: HTTP client → gateway → discovery → event bus → catalog → SQLite")
class CatalogSliceTest {

  @RegisterExtension
  static final RunningOrderflow orderflow = RunningOrderflow.onSqlite("ORDERFLOW_ACCESS_LOG", "all");

  @Test
  @DisplayName("pages through the whole seeded demo catalog with limit and cursor, each sku once, in order")
  void pagesThroughTheCatalog() {
    List<String> skus = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Http.Response page = orderflow.http().get("/api/v1/items?limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.contentType()).startsWith("application/json");
      JsonArray items = page.json().getJsonArray("items");
      assertThat(items.size()).isBetween(1, 7);
      items.forEach(item -> skus.add(((JsonObject) item).getString("sku")));
      cursor = page.json().getString("nextCursor");
      if (cursor != null) {
        assertThat(page.header("Link")).contains("cursor=" + cursor).contains("rel=\"next\"");
      }
      pages++;
    } while (cursor != null && pages < 20);

    assertThat(skus).hasSizeGreaterThanOrEqualTo(20).doesNotHaveDuplicates().isSorted();
    assertThat(pages).isEqualTo((skus.size() + 6) / 7);
  }

  @Test
  @DisplayName("returns one item with an exact decimal price and its currency")
  void getsOneItem() {
    Http.Response response = orderflow.http().get("/api/v1/items/MUG-0001");

    assertThat(response.status()).isEqualTo(200);
    JsonObject item = response.json();
    assertThat(item.getString("name")).isEqualTo("Enamel mug");
    assertThat(response.body()).contains("\"price\":12.50");
    assertThat(new BigDecimal(item.getValue("price").toString())).isEqualByComparingTo("12.50");
    assertThat(item.getString("currency")).isEqualTo("EUR");
  }

  @Test
  @DisplayName("answers an unknown sku with 404 problem+json")
  void unknownSkuIsNotFound() {
    Http.Response response = orderflow.http().get("/api/v1/items/NO-SUCH-SKU");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    JsonObject problem = response.json();
    assertThat(problem.getInteger("status")).isEqualTo(404);
    assertThat(problem.getString("type")).endsWith("/not-found");
    assertThat(problem.getString("detail")).contains("NO-SUCH-SKU");
    assertThat(problem.getString("instance")).isEqualTo("/api/v1/items/NO-SUCH-SKU");
    assertThat(problem.getString("correlationId")).isEqualTo(response.header("X-Correlation-Id"));
  }

  @Test
  @DisplayName("answers a bad limit or cursor with 400 problem+json naming the field")
  void badPagingIsRejected() {
    for (String query : List.of("limit=0", "limit=101", "limit=abc", "limit=-3", "limit=")) {
      Http.Response response = orderflow.http().get("/api/v1/items?" + query);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.contentType()).isEqualTo("application/problem+json");
      assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("limit");
    }
    Http.Response badCursor = orderflow.http().get("/api/v1/items?cursor=not-a-cursor!");
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(badCursor.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("cursor");
  }

  @Test
  @DisplayName("echoes a caller's X-Correlation-Id, generates one otherwise, and logs it on every hop")
  void correlationIdTravelsAndIsLogged() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    // a request answered is logged at DEBUG by the module's endpoint (its refusals at INFO)
    Logger catalog = (Logger) LoggerFactory.getLogger("dev.orderflow.catalog.CatalogBusVerticle");
    catalog.setLevel(Level.DEBUG);
    try {
      Http.Response echoed = orderflow.http().get("/api/v1/items/PEN-0001", "X-Correlation-Id", "test-corr-42");
      Http.Response generated = orderflow.http().get("/api/v1/items/PEN-0001");

      assertThat(echoed.header("X-Correlation-Id")).isEqualTo("test-corr-42");
      assertThat(generated.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");
      Set<String> loggersWithId = new HashSet<>();
      for (ILoggingEvent event : List.copyOf(logs.list)) {
        if (event.getFormattedMessage().contains("correlationId=test-corr-42")) {
          loggersWithId.add(event.getLoggerName());
        }
      }
      assertThat(loggersWithId).contains("orderflow.access", "dev.orderflow.catalog.CatalogBusVerticle");
    } finally {
      catalog.setLevel(null);
      root.detachAppender(logs);
    }
  }

  @Test
  @DisplayName("creates then updates an item through the admin route, durably, and validates it")
  void putsItems() {
    JsonObject lamp = new JsonObject().put("name", "Floor lamp").put("description", "Arc, marble base")
      .put("price", 149.9).put("currency", "EUR");

    Http.Response created = orderflow.http().putJson("/admin/catalog/items/LAMP-9001", lamp);
    Http.Response updated = orderflow.http().putJson("/admin/catalog/items/LAMP-9001", lamp.copy().put("price", "139.00"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/v1/items/LAMP-9001");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(orderflow.http().get("/api/v1/items/LAMP-9001").body()).contains("\"price\":139.00");

    Http.Response negative = orderflow.http().putJson("/admin/catalog/items/LAMP-9002", lamp.copy().put("price", -1));
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("price");
    Http.Response badCurrency = orderflow.http().putJson("/admin/catalog/items/LAMP-9002", lamp.copy().put("currency", "EURO"));
    assertThat(badCurrency.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("currency");
    Http.Response noName = orderflow.http().putJson("/admin/catalog/items/LAMP-9002", lamp.copy().put("name", " "));
    assertThat(noName.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("name");
    Http.Response badSku = orderflow.http().putJson("/admin/catalog/items/-bad", lamp);
    assertThat(badSku.status()).isEqualTo(400);
    assertThat(orderflow.http().put("/admin/catalog/items/LAMP-9002", "application/json", "{not json").status()).isEqualTo(400);
    assertThat(orderflow.http().put("/admin/catalog/items/LAMP-9002", "text/plain", lamp.encode()).status()).isEqualTo(415);
    assertThat(orderflow.http().put("/admin/catalog/items/LAMP-9002", "application/json", "x".repeat(70_000)).status()).isEqualTo(413);
    assertThat(orderflow.http().get("/api/v1/items/LAMP-9002").status()).as("refused writes change nothing").isEqualTo(404);
  }

  @Test
  @DisplayName("a cached item is dropped on the catalog's item-changed notice, even when another gateway changed it")
  void itemChangedNoticeInvalidatesTheCache() {
    assertThat(orderflow.http().get("/api/v1/items/NOTE-0001").body()).contains("\"price\":16.80");
    JsonObject reply = orderflow.instance().platform().services().request("catalog", "put-item", new JsonObject()
        .put("sku", "NOTE-0001").put("name", "Dotted notebook A5").put("description", "Lay-flat binding, 160 pages")
        .put("price", new JsonObject().put("amount", "17.20").put("currency", "EUR")), "cache-test")
      .await();

    assertThat(reply.getBoolean("created")).isFalse();
    Await.until("the gateway serves the new price", java.time.Duration.ofSeconds(5),
      () -> orderflow.http().get("/api/v1/items/NOTE-0001").body().contains("\"price\":17.20"));
  }

  @Test
  @DisplayName("reports live and ready with every module and dependency")
  void healthEndpoints() {
    assertThat(orderflow.http().get("/health/live").status()).isEqualTo(200);
    Http.Response ready = orderflow.http().get("/health/ready");

    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("\"catalog\"", "\"gateway\"", "\"kafka\"", "\"database-catalog\"");
    assertThat(ready.json().getString("outcome")).isEqualTo("UP");
  }

  @Test
  @DisplayName("answers 503 on /health/ready while a dependency is down, 200 again once it is back")
  void readinessFollowsDependencies() {
    Readiness readiness = orderflow.instance().platform().readiness();
    readiness.registerDependency("test-dependency", () -> Future.failedFuture("connection refused"));
    try {
      Http.Response down = orderflow.http().get("/health/ready");

      assertThat(down.status()).isEqualTo(503);
      assertThat(down.body()).contains("test-dependency", "connection refused");
    } finally {
      readiness.unregisterDependency("test-dependency");
    }
    assertThat(orderflow.http().get("/health/ready").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("every answer, success or problem, carries the security headers; CORS is off by default")
  void securityHeaders() {
    for (Http.Response response : List.of(orderflow.http().get("/api/v1/items/MUG-0001"), orderflow.http().get("/api/v1/items/NOPE"), orderflow.http().get("/health/live"))) {
      assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
      assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }
    assertThat(orderflow.http().get("/api/v1/items/MUG-0001", "Origin", "https://evil.example").header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  @DisplayName("answers unknown routes with 404 problem+json and wrong methods with 405")
  void unknownRoutes() {
    Http.Response missing = orderflow.http().get("/api/v1/nothing-here");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).isEqualTo("application/problem+json");
    Http.Response wrongMethod = orderflow.http().put("/api/v1/items/MUG-0001", "application/json", "{}");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.contentType()).isEqualTo("application/problem+json");
  }
}

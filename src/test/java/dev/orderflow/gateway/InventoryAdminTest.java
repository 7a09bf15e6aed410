package dev.orderflow.gateway;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.LogCapture;
import dev.orderflow.support.RunningOrderflow;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("PUT /admin/inventory/{sku}: operators set a sku's available stock, audited; bad input changes nothing")
class InventoryAdminTest {

  @RegisterExtension
  static final RunningOrderflow orderflow = RunningOrderflow.onSqlite("ORDERFLOW_MODULES", "inventory,gateway");

  @Test
  @DisplayName("sets the available stock, keeps the reserved, answers the stock and logs who changed what from what to what")
  void setsAndAudits() {
    Http admin = orderflow.http();
    long reserved = stock("LAMP-0001").getLong("reserved");
    long before = stock("LAMP-0001").getLong("available");
    try (LogCapture log = LogCapture.of("text")) {
      Http.Response set = admin.putJson("/admin/inventory/LAMP-0001", new JsonObject().put("available", 5_000));

      assertThat(set.status()).as(set.body()).isEqualTo(200);
      assertThat(set.json()).isEqualTo(new JsonObject().put("sku", "LAMP-0001").put("available", 5_000).put("reserved", reserved));
      assertThat(stock("LAMP-0001").getLong("available")).isEqualTo(5_000L);
      String audit = "stock of LAMP-0001 set by admin token from ip:127.0.0.1: available " + before + " -> 5000";
      Await.until("the audit line", Duration.ofSeconds(5), () -> log.lines().stream().anyMatch(line -> line.contains(audit)));
      assertThat(log.lines()).filteredOn(line -> line.contains(audit))
        .singleElement().asString().contains("correlationId=" + set.header("X-Correlation-Id"));
    }
    assertThat(admin.putJson("/admin/inventory/LAMP-0001", new JsonObject().put("available", 0)).json().getLong("available")).isZero();
  }

  @Test
  @DisplayName("a figure that is not a whole number from 0 to 10^9 is 400, an unknown sku 404, no admin token 401: the stock stays")
  void badInputChangesNothing() {
    Http admin = orderflow.http();
    JsonObject before = stock("PEN-0001");
    for (String body : new String[] {"{\"available\": 1.5}", "{\"available\": -1}", "{\"available\": 1000000001}",
      "{\"available\": \"12\"}", "{\"available\": null}", "{}", "[]", "{not json", "{\"available\": 1e3}",
      "{\"available\": 99999999999999999999999}"}) {
      Http.Response refused = admin.put("/admin/inventory/PEN-0001", "application/json", body);
      assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(400);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
    }
    assertThat(admin.put("/admin/inventory/PEN-0001", "text/plain", "{\"available\": 3}").status()).isEqualTo(415);
    assertThat(new Http(admin.baseUrl()).put("/admin/inventory/PEN-0001", "application/json", "{\"available\": 3}").status()).isEqualTo(401);
    Http.Response unknown = admin.putJson("/admin/inventory/NOPE-0001", new JsonObject().put("available", 3));
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    assertThat(stock("PEN-0001")).isEqualTo(before);
    assertThat(admin.get("/api/v1/inventory/NOPE-0001").status()).isEqualTo(404);
  }

  private static JsonObject stock(String sku) {
    Http.Response stock = orderflow.http().get("/api/v1/inventory/" + sku);
    assertThat(stock.status()).as(stock.body()).isEqualTo(200);
    return stock.json();
  }
}

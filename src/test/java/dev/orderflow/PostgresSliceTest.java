package dev.orderflow;

import dev.orderflow.support.Http;
import dev.orderflow.support.RunningOrderflow;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The catalog slice once more on PostgreSQL, one schema per module")
class PostgresSliceTest {

  @RegisterExtension
  static final RunningOrderflow orderflow = RunningOrderflow.onPostgres();

  @Test
  @DisplayName("seeds, lists, reads, writes and refuses exactly as on SQLite")
  void slice() {
    Http.Response page = orderflow.http().get("/api/v1/items?limit=100");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().getJsonArray("items").size()).isGreaterThanOrEqualTo(20);
    assertThat(page.json().containsKey("nextCursor")).isFalse();

    assertThat(orderflow.http().get("/api/v1/items/MUG-0001").body()).contains("\"price\":12.50");
    assertThat(orderflow.http().get("/api/v1/items/NOPE").status()).isEqualTo(404);

    JsonObject chair = new JsonObject().put("name", "Stool").put("price", "35.00").put("currency", "EUR");
    assertThat(orderflow.http().putJson("/admin/catalog/items/STOOL-1", chair).status()).isEqualTo(201);
    assertThat(orderflow.http().putJson("/admin/catalog/items/STOOL-1", chair.put("price", "36.00")).status()).isEqualTo(200);
    assertThat(orderflow.http().get("/api/v1/items/STOOL-1").body()).contains("\"price\":36.00");
    assertThat(orderflow.http().putJson("/admin/catalog/items/STOOL-2", chair.put("price", "1.234")).status()).isEqualTo(400);
    assertThat(orderflow.http().get("/api/v1/items/STOOL-2").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("reports the PostgreSQL database in readiness")
  void readiness() {
    Http.Response ready = orderflow.http().get("/health/ready");

    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("\"vendor\":\"postgresql\"");
  }
}

package dev.orderflow.inventory;

import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.bus.ServiceFailure;
import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Inventory: all-or-none reservations keyed by order id, release and commit, stock kept whole")
class InventoryTest {

  private static TestInstance orderflow;
  private static ServiceClient services;

  @BeforeAll
  static void start() {
    orderflow = TestInstance.start("ORDERFLOW_MODULES", "inventory,gateway");
    services = orderflow.instance().platform().services();
  }

  @AfterAll
  static void stop() {
    orderflow.close();
  }

  @Test
  @DisplayName("reserves every line or none, idempotently; release gives back, commit takes out, a reservation after a release is refused; available + reserved + committed = initial")
  void reservations() {
    JsonObject mugBefore = stock("MUG-0001");
    long initial = mugBefore.getLong("available") + mugBefore.getLong("reserved");

    JsonObject reserved = call("reserve", new JsonObject().put("orderId", "o-1").put("lines", lines(Map.of("MUG-0001", 3, "PEN-0001", 2))));
    JsonObject again = call("reserve", new JsonObject().put("orderId", "o-1").put("lines", lines(Map.of("MUG-0001", 3, "PEN-0001", 2))));
    assertThat(reserved.getString("state")).isEqualTo("RESERVED");
    assertThat(again).isEqualTo(reserved);
    assertThat(stock("MUG-0001").getLong("available")).isEqualTo(initial - 3);
    assertThat(stock("MUG-0001").getLong("reserved")).isEqualTo(3);

    assertThatThrownBy(() -> call("reserve", new JsonObject().put("orderId", "o-2").put("lines", lines(Map.of("MUG-0001", 1, "DESK-0001", 26)))))
      .isInstanceOfSatisfying(ServiceFailure.class, failure -> {
        assertThat(failure.kind()).isEqualTo(ServiceFailure.Kind.CONFLICT);
        assertThat(failure.getMessage()).startsWith("OUT_OF_STOCK: DESK-0001");
      });
    assertThat(stock("MUG-0001").getLong("available")).as("all or none").isEqualTo(initial - 3);

    assertThat(call("release", new JsonObject().put("orderId", "o-1")).getString("state")).isEqualTo("RELEASED");
    assertThat(call("release", new JsonObject().put("orderId", "o-1")).getString("state")).isEqualTo("RELEASED");
    assertThat(stock("MUG-0001")).isEqualTo(new JsonObject().put("sku", "MUG-0001").put("available", initial).put("reserved", 0L));

    assertThat(call("release", new JsonObject().put("orderId", "o-4")).getString("state")).as("nothing to give back").isEqualTo("NONE");
    assertThatThrownBy(() -> call("reserve", new JsonObject().put("orderId", "o-4").put("lines", lines(Map.of("MUG-0001", 2)))))
      .as("a reservation arriving after its order's release (a checkout that turned back meanwhile) is refused")
      .isInstanceOfSatisfying(ServiceFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ServiceFailure.Kind.CONFLICT));
    JsonObject after = stock("MUG-0001");
    assertThat(after.getLong("available") + after.getLong("reserved")).isEqualTo(initial);
    assertThat(after.getLong("reserved")).as("o-4 holds nothing").isZero();
  }

  @Test
  @DisplayName("bad reservations are refused, and the stock is readable over HTTP")
  void refusalsAndHttp() {
    assertThatThrownBy(() -> call("reserve", new JsonObject().put("orderId", "o-9").put("lines", new JsonArray())))
      .isInstanceOfSatisfying(ServiceFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ServiceFailure.Kind.INVALID));
    assertThatThrownBy(() -> call("reserve", new JsonObject().put("orderId", "o-9").put("lines", lines(Map.of("MUG-0001", 0)))))
      .isInstanceOfSatisfying(ServiceFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ServiceFailure.Kind.INVALID));
    assertThatThrownBy(() -> call("reserve", new JsonObject().put("orderId", "o-9").put("lines", lines(Map.of("NO-SUCH", 1)))))
      .isInstanceOfSatisfying(ServiceFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ServiceFailure.Kind.NOT_FOUND));

    Http http = orderflow.http();
    Http.Response desk = http.get("/api/v1/inventory/DESK-0001");
    assertThat(desk.status()).isEqualTo(200);
    assertThat(desk.json().getLong("available")).isEqualTo(25);
    assertThat(http.get("/api/v1/inventory/NO-SUCH").status()).isEqualTo(404);
  }

  private static JsonObject call(String action, JsonObject body) {
    return services.request("inventory", action, body, "inventory-test").await();
  }

  private static JsonObject stock(String sku) {
    return call("get-stock", new JsonObject().put("sku", sku));
  }

  private static JsonArray lines(Map<String, Integer> quantities) {
    JsonArray lines = new JsonArray();
    quantities.forEach((sku, quantity) -> lines.add(new JsonObject().put("sku", sku).put("quantity", quantity)));
    return lines;
  }
}

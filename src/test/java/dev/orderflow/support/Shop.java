package dev.orderflow.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's and an operator's view of a running Orderflow over its HTTP API: customers, orders,
 * faults, and the invariants every checkout must leave true. A customer registered here acts with
 * the access token their registration answered; the operator (the admin client) does the rest.
 */
public final class Shop {

  /** Stock the demo inventory starts with. */
  public static final Map<String, Long> INITIAL_STOCK = Map.of("DESK-0001", 25L, "CHAIR-0001", 25L, "BOOK-0001", 100L,
    "MUG-0001", 100L, "PEN-0001", 100L, "LAMP-0001", 100L);

  private final Http http;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  /** Net change of each sku's stock made by operators (PUT /admin/inventory/{sku}), by sku. */
  private final Map<String, Long> operatorChanges = new ConcurrentHashMap<>();

  /** A shop over {@code http}, the operator's client (it carries the admin token). */
  public Shop(Http http) {
    this.http = http;
  }

  public Http http() {
    return http;
  }

  public String newCustomer() {
    return newCustomer("Buyer");
  }

  /** Registers a customer of that name (and a fresh email); answers the id, its token kept for {@link #as}. */
  public String newCustomer(String name) {
    Http.Response registered = http.post("/api/v1/customers", "application/json",
      new JsonObject().put("email", "buyer-" + UUID.randomUUID() + "@example.com").put("name", name).encode());
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String id = registered.json().getString("id");
    tokens.put(id, registered.json().getString("accessToken"));
    return id;
  }

  /** The access token the customer's registration answered. */
  public String accessToken(String customerId) {
    return tokens.get(customerId);
  }

  /** A client acting as the customer, with their access token; the operator's client for a customer not registered here. */
  public Http as(String customerId) {
    String token = tokens.get(customerId);
    return token == null ? http : new Http(http.baseUrl(), "Authorization", "Bearer " + token);
  }

  /** A client acting as the customer who placed the order (through this shop), else the operator's. */
  public Http ofOrder(String orderId) {
    String owner = owners.get(orderId);
    return owner == null ? http : as(owner);
  }

  public static JsonObject order(String customerId, String token, Object... skuAndQuantity) {
    JsonArray items = new JsonArray();
    for (int i = 0; i < skuAndQuantity.length; i += 2) {
      items.add(new JsonObject().put("sku", skuAndQuantity[i]).put("quantity", skuAndQuantity[i + 1]));
    }
    return new JsonObject().put("customerId", customerId).put("items", items).put("paymentToken", token);
  }

  public Http.Response place(JsonObject order, String... headers) {
    String customerId = order.getString("customerId");
    Http.Response placed = as(customerId).post("/api/v1/orders", "application/json", order.encode(), headers);
    if (placed.status() == 202) {
      owners.put(placed.json().getString("orderId"), customerId);
    }
    return placed;
  }

  /** Places an order that must be accepted; returns its id. */
  public String placeAccepted(JsonObject order) {
    Http.Response placed = place(order);
    assertThat(placed.status()).as(placed.body()).isEqualTo(202);
    return placed.json().getString("orderId");
  }

  public JsonObject get(String orderId) {
    Http.Response found = ofOrder(orderId).get("/api/v1/orders/" + orderId);
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    return found.json();
  }

  /** Waits until the order left PENDING and returns it. */
  public JsonObject settled(String orderId, Duration timeout) {
    Await.until("order " + orderId + " settles", timeout, () -> !"PENDING".equals(get(orderId).getString("status")));
    return get(orderId);
  }

  public void faults(JsonObject faults) {
    Http.Response set = http.putJson("/admin/faults/payment-provider", faults);
    assertThat(set.status()).as(set.body()).isEqualTo(200);
  }

  public void noFaults() {
    faults(new JsonObject().put("latencyMs", 0).put("errorRate", 0).put("outage", false));
  }

  /** Tells the invariants that an operator moved the sku's available stock by {@code delta} (PUT /admin/inventory/{sku}). */
  public void operatorChangedStock(String sku, long delta) {
    operatorChanges.merge(sku, delta, Long::sum);
  }

  public JsonArray payments(String orderId) {
    Http.Response payments = ofOrder(orderId).get("/api/v1/payments?orderId=" + orderId);
    assertThat(payments.status()).as(payments.body()).isEqualTo(200);
    return payments.json().getJsonArray("payments");
  }

  /** Money kept for the order: what was captured minus what was refunded. */
  public BigDecimal kept(String orderId) {
    BigDecimal kept = BigDecimal.ZERO;
    for (Object entry : payments(orderId)) {
      JsonObject payment = (JsonObject) entry;
      String status = payment.getString("status");
      if ("CAPTURED".equals(status)) {
        kept = kept.add(new BigDecimal(payment.getString("amount")));
      }
    }
    return kept;
  }

  public JsonArray sagas(String state) {
    Http.Response sagas = http.get("/admin/sagas?limit=200" + (state == null ? "" : "&state=" + state));
    assertThat(sagas.status()).as(sagas.body()).isEqualTo(200);
    return sagas.json().getJsonArray("sagas");
  }

  public JsonObject saga(String orderId) {
    JsonObject saga = sagaOrNull(orderId);
    assertThat(saga).as("the saga of order %s", orderId).isNotNull();
    return saga;
  }

  /** The order's saga, or null while the checkout has not begun it yet. */
  public JsonObject sagaOrNull(String orderId) {
    return sagas(null).stream().map(JsonObject.class::cast).filter(saga -> orderId.equals(saga.getString("orderId")))
      .findFirst().orElse(null);
  }

  /** The state of the order's saga, or "NONE" while the checkout has not begun it yet. */
  public String sagaState(String orderId) {
    JsonObject saga = sagaOrNull(orderId);
    return saga == null ? "NONE" : saga.getString("state");
  }

  /**
   * After a crash of anything the checkouts depend on, once they had time to finish: each order ended
   * CONFIRMED, or CANCELLED with a reason; the provider charged a confirmed order exactly once and keeps
   * nothing of any other; no saga is left running or compensating. Answers how many were confirmed.
   */
  public long assertCheckoutsFinished(Collection<String> orderIds, ProviderLedger.Source ledger) {
    Map<String, JsonObject> orders = allOrders().stream().collect(Collectors.toMap(order -> order.getString("id"), order -> order));
    long confirmed = ProviderLedger.withConnection(ledger, connection -> {
      long confirmedOrders = 0;
      for (String orderId : orderIds) {
        JsonObject order = orders.get(orderId);
        assertThat(order).as("accepted order %s", orderId).isNotNull();
        assertThat(order.getString("status")).as("order %s", orderId).isIn("CONFIRMED", "CANCELLED");
        if ("CANCELLED".equals(order.getString("status"))) {
          assertThat(order.getString("reason")).as("the reason order %s was cancelled", orderId).isNotBlank();
        }
        if (ProviderLedger.assertChargedOnce(connection, order)) {
          confirmedOrders++;
        }
      }
      return confirmedOrders;
    });
    assertThat(sagas("RUNNING")).isEmpty();
    assertThat(sagas("COMPENSATING")).isEmpty();
    return confirmed;
  }

  public List<JsonObject> allOrders() {
    List<JsonObject> orders = new ArrayList<>();
    String cursor = null;
    do {
      Http.Response page = http.get("/api/v1/orders?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().getJsonArray("orders").forEach(order -> orders.add((JsonObject) order));
      cursor = page.json().getString("nextCursor");
    } while (cursor != null);
    return orders;
  }

  /**
   * The invariants after a saga test: every order settled within its deadlines; for each sku,
   * available + reserved = initial stock plus the operators' changes, and reserved = what confirmed orders hold; for each order,
   * captured − refunded = its total when confirmed, else zero.
   */
  public void assertInvariants(Duration settleWithin) {
    Await.until("no order pending", settleWithin, () -> allOrders().stream().noneMatch(order -> "PENDING".equals(order.getString("status"))));
    Map<String, Long> heldByConfirmed = new HashMap<>();
    for (JsonObject order : allOrders()) {
      boolean confirmed = "CONFIRMED".equals(order.getString("status"));
      BigDecimal expected = confirmed ? new BigDecimal(order.getValue("total").toString()) : BigDecimal.ZERO;
      assertThat(kept(order.getString("id"))).as("money kept for %s order %s", order.getString("status"), order.getString("id"))
        .isEqualByComparingTo(expected);
      if (confirmed) {
        order.getJsonArray("lines").forEach(line -> heldByConfirmed.merge(((JsonObject) line).getString("sku"),
          ((JsonObject) line).getLong("quantity"), Long::sum));
      }
    }
    INITIAL_STOCK.forEach((sku, initial) -> {
      JsonObject stock = http.get("/api/v1/inventory/" + sku).json();
      assertThat(stock.getLong("available") + stock.getLong("reserved")).as("available + reserved of %s", sku)
        .isEqualTo(initial + operatorChanges.getOrDefault(sku, 0L));
      assertThat(stock.getLong("reserved")).as("reserved %s = held by confirmed orders", sku).isEqualTo(heldByConfirmed.getOrDefault(sku, 0L));
    });
  }
}

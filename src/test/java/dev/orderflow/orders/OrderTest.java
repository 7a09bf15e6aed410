package dev.orderflow.orders;

import dev.orderflow.platform.core.Refusal;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("An order: placed pending, then confirmed or cancelled, each decision an event or a refusal")
class OrderTest {

  private static final long PLACED_AT = 1_700_000_000_000L;
  private static final List<OrderLine> LINES = List.of(
    new OrderLine("MUG-0001", 2, Money.of("12.50", "EUR")),
    new OrderLine("PEN-0001", 1, Money.of("3.20", "EUR")));
  private static final Money TOTAL = Money.of("28.20", "EUR");

  @Test
  @DisplayName("placing an order records OrderPlaced with its priced lines, and the order starts pending at version 1")
  void placingRecordsOrderPlaced() {
    JsonObject placed = Order.placedEvent("order-1", "customer-1", LINES, TOTAL, "orchestrated");

    Order order = Order.replay(List.of(new Order.Recorded(1, OrdersContract.ORDER_PLACED, placed, PLACED_AT)));

    assertThat(placed.getString("total")).isEqualTo("28.20");
    assertThat(placed.getString("currency")).isEqualTo("EUR");
    assertThat(placed.getString("orchestration")).isEqualTo("orchestrated");
    assertThat(placed.getJsonArray("lines").getJsonObject(0).getMap())
      .containsEntry("sku", "MUG-0001").containsEntry("unitPrice", "12.50").containsEntry("lineTotal", "25.00");
    assertThat(order.status()).isEqualTo(OrdersContract.PENDING);
    assertThat(order.version()).isEqualTo(1);
    assertThat(order.lines()).isEqualTo(LINES);
    assertThat(order.total()).isEqualTo(TOTAL);
    assertThat(order.cancelRequested()).isFalse();
  }

  @Test
  @DisplayName("a pending order is confirmed with OrderConfirmed carrying its lines and total")
  void confirmingAPendingOrder() {
    Order order = pending();

    Order.Change change = order.confirm().orElseThrow();

    assertThat(change.type()).isEqualTo(OrdersContract.ORDER_CONFIRMED);
    assertThat(change.data().getString("orderId")).isEqualTo("order-1");
    assertThat(change.data().getString("total")).isEqualTo("28.20");
    assertThat(change.data().getJsonArray("lines")).hasSize(2);
    Order confirmed = recorded(order, change);
    assertThat(confirmed.status()).isEqualTo(OrdersContract.CONFIRMED);
    assertThat(confirmed.version()).isEqualTo(2);
  }

  @Test
  @DisplayName("confirming a confirmed order again records nothing")
  void confirmingTwiceChangesNothing() {
    Order confirmed = recorded(pending(), pending().confirm().orElseThrow());

    assertThat(confirmed.confirm()).isEmpty();
  }

  @Test
  @DisplayName("a cancelled order cannot be confirmed")
  void aCancelledOrderCannotBeConfirmed() {
    Order cancelled = recorded(pending(), pending().cancel("payment declined").orElseThrow());

    assertRefused(cancelled::confirm, 409, "order order-1 is CANCELLED and cannot be confirmed");
  }

  @Test
  @DisplayName("an order whose customer asked to cancel cannot be confirmed")
  void anOrderBeingCancelledCannotBeConfirmed() {
    Order cancelRequested = recorded(pending(), pending().requestCancel(1L).orElseThrow());

    assertRefused(cancelRequested::confirm, 409, "the customer asked to cancel it");
  }

  @Test
  @DisplayName("a pending order is cancelled with OrderCancelled carrying the reason and the total to give back")
  void cancellingAPendingOrder() {
    Order order = pending();

    Order.Change change = order.cancel("payment declined").orElseThrow();

    assertThat(change.type()).isEqualTo(OrdersContract.ORDER_CANCELLED);
    assertThat(change.data().getString("reason")).isEqualTo("payment declined");
    assertThat(change.data().getString("total")).isEqualTo("28.20");
    assertThat(change.data().getString("currency")).isEqualTo("EUR");
    Order cancelled = recorded(order, change);
    assertThat(cancelled.status()).isEqualTo(OrdersContract.CANCELLED);
    assertThat(cancelled.reason()).isEqualTo("payment declined");
  }

  @Test
  @DisplayName("cancelling a cancelled order again records nothing")
  void cancellingTwiceChangesNothing() {
    Order cancelled = recorded(pending(), pending().cancel("out of stock").orElseThrow());

    assertThat(cancelled.cancel("out of stock")).isEmpty();
  }

  @Test
  @DisplayName("a confirmed order cannot be cancelled")
  void aConfirmedOrderCannotBeCancelled() {
    Order confirmed = recorded(pending(), pending().confirm().orElseThrow());

    assertRefused(() -> confirmed.cancel("changed my mind"), 409, "order order-1 is CONFIRMED and cannot be cancelled");
  }

  @Test
  @DisplayName("an order whose customer asked to cancel is cancelled by the checkout's compensation")
  void aRequestedCancellationEndsInOrderCancelled() {
    Order cancelRequested = recorded(pending(), pending().requestCancel(null).orElseThrow());

    Order.Change change = cancelRequested.cancel("cancelled by the customer").orElseThrow();

    assertThat(change.type()).isEqualTo(OrdersContract.ORDER_CANCELLED);
    assertThat(recorded(cancelRequested, change).cancelRequested()).isTrue();
  }

  @Test
  @DisplayName("a customer's request to cancel at the version they saw records OrderCancellationRequested; the order stays pending")
  void requestingCancellationAtTheCurrentVersion() {
    Order order = pending();

    Order.Change change = order.requestCancel(1L).orElseThrow();

    assertThat(change.type()).isEqualTo(OrdersContract.ORDER_CANCELLATION_REQUESTED);
    assertThat(change.data()).isEqualTo(new JsonObject().put("orderId", "order-1").put("customerId", "customer-1"));
    Order requested = recorded(order, change);
    assertThat(requested.status()).isEqualTo(OrdersContract.PENDING);
    assertThat(requested.cancelRequested()).isTrue();
    assertThat(requested.version()).isEqualTo(2);
  }

  @Test
  @DisplayName("a request to cancel at any version (If-Match *) records OrderCancellationRequested")
  void requestingCancellationAtAnyVersion() {
    Optional<Order.Change> change = pending().requestCancel(null);

    assertThat(change).map(Order.Change::type).hasValue(OrdersContract.ORDER_CANCELLATION_REQUESTED);
  }

  @Test
  @DisplayName("asking twice to cancel records nothing the second time")
  void requestingCancellationTwiceChangesNothing() {
    Order requested = recorded(pending(), pending().requestCancel(1L).orElseThrow());

    assertThat(requested.requestCancel(2L)).isEmpty();
  }

  @Test
  @DisplayName("a request to cancel made against a stale version is refused with 412, naming both versions")
  void aStaleVersionIsRefused() {
    Order requested = recorded(pending(), pending().requestCancel(1L).orElseThrow());

    assertRefused(() -> requested.requestCancel(1L), 412, "order order-1 is at version 2, not 1");
  }

  @Test
  @DisplayName("a confirmed order cannot be asked to cancel; a stale version is refused before its state")
  void aConfirmedOrderCannotBeAskedToCancel() {
    Order confirmed = recorded(pending(), pending().confirm().orElseThrow());

    assertRefused(() -> confirmed.requestCancel(2L), 409, "is CONFIRMED and cannot be cancelled");
    assertRefused(() -> confirmed.requestCancel(1L), 412, "at version 2, not 1");
  }

  @Test
  @DisplayName("replaying an order's events gives the order they decided, at the last event's version")
  void replayFoldsTheEvents() {
    Order.Change request = pending().requestCancel(1L).orElseThrow();
    Order.Change cancel = recorded(pending(), request).cancel("cancelled by the customer").orElseThrow();

    Order replayed = Order.replay(List.of(
      new Order.Recorded(1, OrdersContract.ORDER_PLACED, Order.placedEvent("order-1", "customer-1", LINES, TOTAL, "orchestrated"), PLACED_AT),
      new Order.Recorded(2, request.type(), request.data(), PLACED_AT + 1),
      new Order.Recorded(3, cancel.type(), cancel.data(), PLACED_AT + 2)));

    assertThat(replayed.status()).isEqualTo(OrdersContract.CANCELLED);
    assertThat(replayed.reason()).isEqualTo("cancelled by the customer");
    assertThat(replayed.cancelRequested()).isTrue();
    assertThat(replayed.version()).isEqualTo(3);
    assertThat(replayed.toJson().getString("updatedAt")).isEqualTo("2023-11-14T22:13:20.002Z");
  }

  private static Order pending() {
    JsonObject placed = Order.placedEvent("order-1", "customer-1", LINES, TOTAL, "orchestrated");
    return Order.replay(List.of(new Order.Recorded(1, OrdersContract.ORDER_PLACED, placed, PLACED_AT)));
  }

  /** The order once the store has appended {@code change} at the next version. */
  private static Order recorded(Order order, Order.Change change) {
    return order.apply(new Order.Recorded(order.version() + 1, change.type(), change.data(), PLACED_AT + order.version()));
  }

  private static void assertRefused(Runnable decision, int code, String message) {
    assertThatThrownBy(decision::run).isInstanceOfSatisfying(Refusal.class, refusal -> {
      assertThat(refusal.code()).isEqualTo(code);
      assertThat(refusal.getMessage()).contains(message);
    });
  }
}

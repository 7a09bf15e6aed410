package dev.orderflow.orders;

import dev.orderflow.platform.core.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order aggregate: its state is the fold of its events; its decisions check the state and
 * name the event to append, or refuse (409 for a state that forbids it, 412 for a stale version).
 */
record Order(String id, String customerId, String status, String reason, boolean cancelRequested, long version,
             List<OrderLine> lines, Money total, long placedAt, long updatedAt) {

  /** An event the aggregate decided to append. */
  record Change(String type, JsonObject data) {
  }

  /** An event as the store holds it. */
  record Recorded(long version, String type, JsonObject data, long recordedAt) {
  }

  static Order replay(List<Recorded> events) {
    Order order = null;
    for (Recorded event : events) {
      order = order == null ? placed(event) : order.apply(event);
    }
    return order;
  }

  private static Order placed(Recorded event) {
    JsonObject data = event.data();
    String currency = data.getString("currency");
    List<OrderLine> lines = new ArrayList<>();
    data.getJsonArray("lines").forEach(line -> lines.add(OrderLine.fromJson((JsonObject) line, currency)));
    return new Order(data.getString("orderId"), data.getString("customerId"), OrdersContract.PENDING, null, false,
      event.version(), lines, Money.of(data.getString("total"), currency), event.recordedAt(), event.recordedAt());
  }

  Order apply(Recorded event) {
    return switch (event.type()) {
      case OrdersContract.ORDER_CONFIRMED -> with(OrdersContract.CONFIRMED, reason, cancelRequested, event);
      case OrdersContract.ORDER_CANCELLATION_REQUESTED -> with(status, reason, true, event);
      case OrdersContract.ORDER_CANCELLED -> with(OrdersContract.CANCELLED, event.data().getString("reason"), cancelRequested, event);
      default -> with(status, reason, cancelRequested, event);
    };
  }

  private Order with(String newStatus, String newReason, boolean newCancelRequested, Recorded event) {
    return new Order(id, customerId, newStatus, newReason, newCancelRequested, event.version(), lines, total, placedAt, event.recordedAt());
  }

  /** The data of {@code OrderPlaced.v1}; the payment token is kept apart (see {@link OrdersStore#place}). */
  static JsonObject placedEvent(String orderId, String customerId, List<OrderLine> lines, Money total, String orchestration) {
    return new JsonObject().put("orderId", orderId).put("customerId", customerId)
      .put("lines", new JsonArray(lines.stream().map(OrderLine::toJson).toList()))
      .put("total", total.amount()).put("currency", total.currencyCode())
      .put("orchestration", orchestration);
  }

  /** Confirms a pending order; confirming a confirmed order changes nothing. */
  Optional<Change> confirm() {
    if (OrdersContract.CONFIRMED.equals(status)) {
      return Optional.empty();
    }
    requirePending("confirmed");
    if (cancelRequested) {
      throw new Refusal(409, "order " + id + " cannot be confirmed: the customer asked to cancel it");
    }
    return Optional.of(new Change(OrdersContract.ORDER_CONFIRMED, facts().put("lines", linesJson())
      .put("total", total.amount()).put("currency", total.currencyCode())));
  }

  /** Cancels an order that is not confirmed; cancelling a cancelled order changes nothing. */
  Optional<Change> cancel(String why) {
    if (OrdersContract.CANCELLED.equals(status)) {
      return Optional.empty();
    }
    requirePending("cancelled");
    return Optional.of(new Change(OrdersContract.ORDER_CANCELLED, facts().put("reason", why)
      .put("total", total.amount()).put("currency", total.currencyCode())));
  }

  /**
   * A customer's request to cancel, made against the version they saw ({@code null}: any version, If-Match *);
   * the checkout compensates and cancels.
   */
  Optional<Change> requestCancel(Long expectedVersion) {
    if (expectedVersion != null && expectedVersion != version) {
      throw new Refusal(412, "If-Match: order " + id + " is at version " + version + ", not " + expectedVersion);
    }
    requirePending("cancelled");
    return cancelRequested ? Optional.empty() : Optional.of(new Change(OrdersContract.ORDER_CANCELLATION_REQUESTED, facts()));
  }

  private void requirePending(String what) {
    if (!OrdersContract.PENDING.equals(status)) {
      throw new Refusal(409, "order " + id + " is " + status + " and cannot be " + what);
    }
  }

  private JsonObject facts() {
    return new JsonObject().put("orderId", id).put("customerId", customerId);
  }

  private JsonArray linesJson() {
    return new JsonArray(lines.stream().map(OrderLine::toJson).toList());
  }

  /** The order as the service answers it: amounts as decimal strings with the currency beside them. */
  JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("customerId", customerId).put("status", status)
      .put("version", version).put("currency", total.currencyCode()).put("total", total.amount())
      .put("lines", linesJson()).put("cancellationRequested", cancelRequested)
      .put("placedAt", Instant.ofEpochMilli(placedAt).toString())
      .put("updatedAt", Instant.ofEpochMilli(updatedAt).toString());
    if (reason != null) {
      json.put("reason", reason);
    }
    return json;
  }
}

package dev.orderflow.notifications;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * What notifications reads of an OrderConfirmed or OrderCancelled event: whose order it is and the
 * message that tells its customer. The one reader of those events' data, checked on the contract's samples.
 */
record OrderOutcome(String orderId, String customerId, String kind, String message) {

  static final String ORDER_CONFIRMED = "ORDER_CONFIRMED";
  static final String ORDER_CANCELLED = "ORDER_CANCELLED";

  /** The data of an event of {@code type} (OrderConfirmed.v1 or OrderCancelled.v1); empty without orderId or customerId. */
  static Optional<OrderOutcome> from(String type, JsonObject data) {
    String orderId = data.getString("orderId");
    String customerId = data.getString("customerId");
    if (orderId == null || customerId == null) {
      return Optional.empty();
    }
    return Optional.of(NotificationsContract.ORDER_CONFIRMED.equals(type)
      ? new OrderOutcome(orderId, customerId, ORDER_CONFIRMED,
        "Your order " + orderId + " is confirmed: " + data.getString("total") + " " + data.getString("currency") + ".")
      : new OrderOutcome(orderId, customerId, ORDER_CANCELLED,
        "Your order " + orderId + " was cancelled (" + data.getString("reason") + "); any payment is refunded."));
  }
}

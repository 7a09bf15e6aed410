package dev.orderflow.checkout;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What checkout reads of a placed order to begin its saga. It comes from an OrderPlaced event's
 * data or, for a synchronous checkout, from orders' get-order answer, which carries the same fields
 * but names the order's id {@code id}: both go through {@link #parse} so that they cannot drift.
 */
record OrderPlaced(String orderId, String customerId, JsonArray lines, String total, String currency, String orchestration) {

  /** The data of an {@code orderflow.orders.OrderPlaced.v1} event. */
  static OrderPlaced fromEvent(JsonObject data) {
    return parse(data.getString("orderId"), data, data.getString("orchestration", CheckoutContract.SAGA_ORCHESTRATION));
  }

  /** An order as get-order answers it, checked out with {@code orchestration}. */
  static OrderPlaced fromOrder(JsonObject order, String orchestration) {
    return parse(order.getString("id"), order, orchestration);
  }

  private static OrderPlaced parse(String orderId, JsonObject order, String orchestration) {
    if (orderId == null) {
      throw new IllegalArgumentException("lacks orderId");
    }
    return new OrderPlaced(orderId, order.getString("customerId"), order.getJsonArray("lines"), order.getString("total"),
      order.getString("currency"), orchestration);
  }
}

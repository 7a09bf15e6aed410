package dev.orderflow.orders;

import io.vertx.core.json.JsonObject;

/** One line of an order, priced when the order was placed. */
record OrderLine(String sku, long quantity, Money unitPrice) {

  Money total() {
    return unitPrice.times(quantity);
  }

  /** The line as events and the order service carry it: amounts as decimal strings. */
  JsonObject toJson() {
    return new JsonObject().put("sku", sku).put("quantity", quantity)
      .put("unitPrice", unitPrice.amount()).put("lineTotal", total().amount());
  }

  static OrderLine fromJson(JsonObject json, String currency) {
    return new OrderLine(json.getString("sku"), json.getLong("quantity"), Money.of(json.getString("unitPrice"), currency));
  }
}

package dev.orderflow.orders;

import io.vertx.core.json.JsonObject;

/** The orders module's limits, from its settings section. */
record OrdersOptions(int maxLines, int maxQuantity) {

  static OrdersOptions from(JsonObject config) {
    return new OrdersOptions(config.getInteger("max-lines"), config.getInteger("max-quantity"));
  }
}

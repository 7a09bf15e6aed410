package dev.orderflow.orders;

import io.vertx.core.json.JsonObject;

/** The orders module's limits, from its settings section. */
record OrdersOptions(int maxLines, int maxQuantity, long pricingCacheTtlMs) {

  OrdersOptions {
    if (maxLines < 1 || maxQuantity < 1 || pricingCacheTtlMs < 1) {
      throw new IllegalArgumentException("orders: max-lines, max-quantity and pricing-cache-ttl-ms must be positive");
    }
  }

  static OrdersOptions from(JsonObject config) {
    return new OrdersOptions(config.getInteger("max-lines"), config.getInteger("max-quantity"), config.getLong("pricing-cache-ttl-ms"));
  }
}

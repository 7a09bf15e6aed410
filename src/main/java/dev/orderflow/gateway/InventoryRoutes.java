package dev.orderflow.gateway;

import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Stock by sku: available and reserved. */
final class InventoryRoutes {

  private final ServiceClient services;

  InventoryRoutes(ServiceClient services) {
    this.services = services;
  }

  void stock(RoutingContext ctx) {
    HttpReplies.answer(ctx, 200,
      services.request(GatewayContract.INVENTORY, GatewayContract.GET_STOCK, new JsonObject().put("sku", ctx.pathParam("sku")), HttpReplies.correlationId(ctx)));
  }
}

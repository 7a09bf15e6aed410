package dev.orderflow.gateway;

import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Stock by sku: available and reserved; operators set the available stock. */
final class InventoryRoutes {

  private final ServiceClient services;
  private final Credentials credentials;

  InventoryRoutes(ServiceClient services, Credentials credentials) {
    this.services = services;
    this.credentials = credentials;
  }

  void stock(RoutingContext ctx) {
    HttpReplies.answer(ctx, 200,
      services.request(GatewayContract.INVENTORY, GatewayContract.GET_STOCK, new JsonObject().put("sku", ctx.pathParam("sku")), HttpReplies.correlationId(ctx)));
  }

  /** Sets the sku's available stock; inventory checks the figure and writes the audit line naming the operator's client. */
  void setAvailable(RoutingContext ctx) {
    JsonObject body = HttpReplies.jsonBody(ctx);
    if (body == null) {
      return;
    }
    JsonObject request = new JsonObject().put("sku", ctx.pathParam("sku")).put("available", body.getValue("available"))
      .put("actor", "admin token from " + credentials.clientIdentity(ctx));
    HttpReplies.answer(ctx, 200, services.request(GatewayContract.INVENTORY, GatewayContract.SET_AVAILABLE, request, HttpReplies.correlationId(ctx)));
  }
}

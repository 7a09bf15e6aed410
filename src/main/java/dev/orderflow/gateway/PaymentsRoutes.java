package dev.orderflow.gateway;

import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.http.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Payments by order. */
final class PaymentsRoutes {

  private final ServiceClient services;

  PaymentsRoutes(ServiceClient services) {
    this.services = services;
  }

  /** An order's payments; a customer sees those of their own orders only (another's order is missing). */
  void list(RoutingContext ctx) {
    String orderId = ctx.request().getParam("orderId");
    if (orderId == null || orderId.isBlank()) {
      Problems.send(ctx, HttpProblem.invalidField("orderId", "is required"));
      return;
    }
    String correlationId = HttpReplies.correlationId(ctx);
    Future<JsonObject> owned = CustomerAccess.caller(ctx).customerId()
      .map(customerId -> services.request(GatewayContract.ORDERS, GatewayContract.GET_ORDER, new JsonObject().put("id", orderId).put("customerId", customerId), correlationId))
      .orElseGet(Future::succeededFuture);
    HttpReplies.answer(ctx, 200, owned.compose(order -> services.request(GatewayContract.PAYMENTS, GatewayContract.LIST_PAYMENTS, new JsonObject().put("orderId", orderId),
      correlationId)));
  }
}

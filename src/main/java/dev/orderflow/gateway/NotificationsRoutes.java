package dev.orderflow.gateway;

import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** A customer's notifications; another customer's are answered as missing, as is an unknown customer. */
final class NotificationsRoutes {

  private final ServiceClient services;

  NotificationsRoutes(ServiceClient services) {
    this.services = services;
  }

  void list(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!CustomerAccess.mayActFor(ctx, id)) {
      CustomerAccess.notFound(ctx, "customer", id);
      return;
    }
    String correlationId = HttpReplies.correlationId(ctx);
    HttpReplies.answer(ctx, 200, services.request(GatewayContract.CUSTOMERS, GatewayContract.GET_CUSTOMER, new JsonObject().put("id", id), correlationId)
      .compose(customer -> services.request(GatewayContract.NOTIFICATIONS, GatewayContract.LIST_NOTIFICATIONS, new JsonObject().put("customerId", id), correlationId)));
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The analytics figures: registrations, and confirmed orders with revenue and top skus. */
final class AnalyticsRoutes {

  private final ServiceClient services;

  AnalyticsRoutes(ServiceClient services) {
    this.services = services;
  }

  void registrations(RoutingContext ctx) {
    figures(ctx, GatewayContract.REGISTRATION_FIGURES);
  }

  void orders(RoutingContext ctx) {
    figures(ctx, GatewayContract.ORDER_FIGURES);
  }

  private void figures(RoutingContext ctx, String action) {
    HttpReplies.answer(ctx, 200, services.request(GatewayContract.ANALYTICS, action, new JsonObject(), HttpReplies.correlationId(ctx)));
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Fault injection at runtime: what is injected into the payment provider, and setting it. */
final class PaymentProviderRoutes {

  private final ServiceClient services;

  PaymentProviderRoutes(ServiceClient services) {
    this.services = services;
  }

  void list(RoutingContext ctx) {
    HttpReplies.answer(ctx, 200, services.request(GatewayContract.PAYMENT_PROVIDER_FAULTS, GatewayContract.GET_FAULTS, new JsonObject(), HttpReplies.correlationId(ctx))
      .map(faults -> new JsonObject().put("payment-provider", faults)));
  }

  void setPaymentProvider(RoutingContext ctx) {
    JsonObject body = HttpReplies.jsonBody(ctx);
    if (body == null) {
      return;
    }
    HttpReplies.answer(ctx, 200, services.request(GatewayContract.PAYMENT_PROVIDER_FAULTS, GatewayContract.SET_FAULTS, body, HttpReplies.correlationId(ctx)));
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Fault injection at runtime: what is injected into the payment provider, and setting it. */
final class AdminFaultsRoutes {

  private static final String PAYMENT_PROVIDER_FAULTS = "payment-provider.faults";

  private final ServiceClient services;

  AdminFaultsRoutes(ServiceClient services) {
    this.services = services;
  }

  void list(RoutingContext ctx) {
    services.request(PAYMENT_PROVIDER_FAULTS, "get-faults", new JsonObject(), HttpReplies.correlationId(ctx))
      .onSuccess(faults -> HttpReplies.json(ctx, 200, new JsonObject().put("payment-provider", faults)))
      .onFailure(failure -> Problems.fail(ctx, failure));
  }

  void setPaymentProvider(RoutingContext ctx) {
    JsonObject body = HttpReplies.jsonBody(ctx);
    if (body == null) {
      return;
    }
    services.request(PAYMENT_PROVIDER_FAULTS, "set-faults", body, HttpReplies.correlationId(ctx))
      .onSuccess(faults -> HttpReplies.json(ctx, 200, faults))
      .onFailure(failure -> Problems.fail(ctx, failure));
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Customers, version 1: registering (answers the customer's access token), reading, fresh tokens. */
final class CustomersRoutes {

  private final ServiceClient services;
  private final CustomerTokens tokens;

  CustomersRoutes(ServiceClient services, CustomerTokens tokens) {
    this.services = services;
    this.tokens = tokens;
  }

  void register(RoutingContext ctx) {
    JsonObject body = HttpReplies.jsonBody(ctx);
    if (body == null) {
      return;
    }
    JsonObject request = new JsonObject().put("email", body.getValue("email")).put("name", body.getValue("name"));
    services.request(GatewayContract.CUSTOMERS, GatewayContract.REGISTER_CUSTOMER, request, HttpReplies.correlationId(ctx))
      .onSuccess(customer -> {
        ctx.response().putHeader("Location", "/api/v1/customers/" + customer.getString("id"));
        CustomerTokens.Issued issued = tokens.issue(customer.getString("id"));
        HttpReplies.json(ctx, 201, customer.copy().put("accessToken", issued.accessToken()).put("expiresAt", issued.expiresAt().toString()));
      })
      .onFailure(failure -> Problems.fail(ctx, failure));
  }

  /** A customer's own record; another customer's is answered as missing. */
  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!CustomerAccess.mayActFor(ctx, id)) {
      CustomerAccess.notFound(ctx, "customer", id);
      return;
    }
    HttpReplies.answer(ctx, 200, services.request(GatewayContract.CUSTOMERS, GatewayContract.GET_CUSTOMER, new JsonObject().put("id", id), HttpReplies.correlationId(ctx)));
  }

  /**
   * A fresh token, so that a customer is not locked out when theirs expires: asked with their
   * still-valid token, or by an operator for a customer that exists; another customer's id is missing.
   */
  void issueToken(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!CustomerAccess.mayActFor(ctx, id)) {
      CustomerAccess.notFound(ctx, "customer", id);
      return;
    }
    HttpReplies.answer(ctx, 201, services.request(GatewayContract.CUSTOMERS, GatewayContract.GET_CUSTOMER, new JsonObject().put("id", id), HttpReplies.correlationId(ctx))
      .map(customer -> {
        CustomerTokens.Issued issued = tokens.issue(id);
        return new JsonObject().put("accessToken", issued.accessToken()).put("expiresAt", issued.expiresAt().toString());
      }));
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpProblem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * The body and Idempotency-Key of a request that places an order, as the orders service reads them.
 * A customer orders for themselves: the body's customerId may be left out (the token's is used) or
 * must be the token's; an operator names the customer.
 */
final class OrderRequests {

  private static final int MAX_KEY = 200;

  private OrderRequests() {
  }

  /** The request for the orders service, or null after answering 400. */
  static JsonObject from(RoutingContext ctx) {
    JsonObject body = HttpReplies.jsonBody(ctx);
    if (body == null) {
      return null;
    }
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > MAX_KEY)) {
      Problems.send(ctx, HttpProblem.invalidField("Idempotency-Key", "must be 1 to " + MAX_KEY + " characters"));
      return null;
    }
    Object named = body.getValue("customerId");
    Optional<String> own = CustomerAccess.caller(ctx).customerId();
    if (own.isPresent() && named != null && !own.get().equals(named)) {
      Problems.send(ctx, HttpProblem.of(403, "forbidden", "Forbidden", "customerId: an access token places orders for its own customer only"));
      return null;
    }
    Object customerId = own.isPresent() ? own.get() : named;
    JsonObject request = new JsonObject().put("customerId", customerId).put("items", body.getValue("items"))
      .put("paymentToken", body.getValue("paymentToken"));
    if (key != null) {
      request.put("idempotencyKey", key);
    }
    return request;
  }
}

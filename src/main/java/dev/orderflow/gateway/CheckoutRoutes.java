package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpProblem;
import dev.orderflow.platform.core.NumberText;
import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.OptionalLong;

/** The synchronous twin of the checkout saga, and the admin view of sagas (list, retry). */
final class CheckoutRoutes {

  /** How a synchronous checkout that did not confirm is answered, by cancel reason. */
  private static final Map<String, Integer> STATUS_BY_REASON = Map.of(
    GatewayContract.OUT_OF_STOCK, 409, GatewayContract.PAYMENT_DECLINED, 402, GatewayContract.PAYMENT_UNAVAILABLE, 503,
    GatewayContract.TIMEOUT, 504, GatewayContract.CANCELLED_BY_CUSTOMER, 409);

  private final ServiceClient services;
  private final long syncTimeoutMs;

  CheckoutRoutes(ServiceClient services, long syncTimeoutMs) {
    this.services = services;
    this.syncTimeoutMs = syncTimeoutMs;
  }

  void sync(RoutingContext ctx) {
    JsonObject request = OrderRequests.from(ctx);
    if (request == null) {
      return;
    }
    services.request(GatewayContract.CHECKOUT, GatewayContract.CHECKOUT_SYNC, request, HttpReplies.correlationId(ctx), syncTimeoutMs)
      .onSuccess(checkout -> {
        JsonObject order = checkout.getJsonObject("order");
        String outcome = checkout.getString("outcome");
        if (GatewayContract.CONFIRMED.equals(outcome)) {
          ctx.response().putHeader("Location", OrderRepresentation.V1.path() + "/" + order.getString("id"))
            .putHeader("ETag", "\"" + order.getLong("version") + "\"");
          HttpReplies.json(ctx, 201, OrderRepresentation.V1.order(order));
          return;
        }
        String reason = checkout.getString("reason");
        int status = STATUS_BY_REASON.getOrDefault(reason, 500);
        if (GatewayContract.PARKED.equals(outcome)) {
          Problems.send(ctx, HttpProblem.of(status, "checkout-parked", "Checkout did not confirm and could not undo",
            "order " + order.getString("id") + " is " + order.getString("status") + ": after " + reason
              + " its compensation kept failing and waits for an operator (GET /admin/sagas?state=PARKED)"));
          return;
        }
        Problems.send(ctx, HttpProblem.of(status, reason.toLowerCase().replace('_', '-'), "Checkout did not confirm",
          "order " + order.getString("id") + " is " + order.getString("status") + " (reason " + reason + ")"));
      })
      .onFailure(failure -> Problems.fail(ctx, failure));
  }

  void sagas(RoutingContext ctx) {
    JsonObject query = new JsonObject();
    String state = ctx.request().getParam("state");
    if (state != null) {
      query.put("state", state);
    }
    String limit = ctx.request().getParam("limit");
    if (limit != null) {
      OptionalLong number = NumberText.wholeNumber(limit);
      if (number.isEmpty() || number.getAsLong() < 1 || number.getAsLong() > 200) {
        Problems.send(ctx, HttpProblem.invalidField("limit", "must be a whole number from 1 to 200"));
        return;
      }
      query.put("limit", number.getAsLong());
    }
    HttpReplies.answer(ctx, 200, services.request(GatewayContract.CHECKOUT, GatewayContract.LIST_SAGAS, query, HttpReplies.correlationId(ctx)));
  }

  void retrySaga(RoutingContext ctx) {
    HttpReplies.answer(ctx, 202, services.request(GatewayContract.CHECKOUT, GatewayContract.RETRY_SAGA, new JsonObject().put("orderId", ctx.pathParam("orderId")),
      HttpReplies.correlationId(ctx)));
  }
}

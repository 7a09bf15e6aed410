package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpProblem;
import dev.orderflow.platform.core.NumberText;
import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders in versions 1 and 2: placing (202, the checkout runs after), reading with an ETag, listing,
 * cancelling with If-Match; and, for operators, rebuilding the orders' read model.
 */
final class OrdersRoutes {

  private static final Pattern STRONG_TAG = Pattern.compile("\"(\\d{1,18})\"");

  private final ServiceClient services;
  private final OrderRepresentation representation;

  OrdersRoutes(ServiceClient services, OrderRepresentation representation) {
    this.services = services;
    this.representation = representation;
  }

  void place(RoutingContext ctx) {
    JsonObject request = OrderRequests.from(ctx);
    if (request == null) {
      return;
    }
    services.request(GatewayContract.ORDERS, GatewayContract.PLACE_ORDER, request, HttpReplies.correlationId(ctx))
      .onSuccess(accepted -> {
        ctx.response().putHeader("Location", representation.path() + "/" + accepted.getString("orderId"));
        HttpReplies.json(ctx, 202, new JsonObject().put("orderId", accepted.getString("orderId")).put("status", accepted.getString("status")));
      })
      .onFailure(failure -> Problems.fail(ctx, failure));
  }

  void get(RoutingContext ctx) {
    services.request(GatewayContract.ORDERS, GatewayContract.GET_ORDER, ownedBy(ctx, new JsonObject().put("id", ctx.pathParam("id"))), HttpReplies.correlationId(ctx))
      .onSuccess(order -> {
        ctx.response().putHeader("ETag", etag(order));
        HttpReplies.json(ctx, 200, representation.order(order));
      })
      .onFailure(failure -> Problems.fail(ctx, failure));
  }

  /** A customer lists their own orders; naming another customer's id finds none. */
  void list(RoutingContext ctx) {
    String customerId = ctx.request().getParam("customerId");
    if (customerId != null && !CustomerAccess.mayActFor(ctx, customerId)) {
      HttpReplies.json(ctx, 200, representation.page(new JsonObject().put("orders", new JsonArray())));
      return;
    }
    JsonObject query = new JsonObject();
    for (String name : new String[] {"customerId", "status", "cursor"}) {
      String value = ctx.request().getParam(name);
      if (value != null) {
        query.put(name, value);
      }
    }
    String limit = ctx.request().getParam("limit");
    if (limit != null) {
      OptionalLong number = NumberText.wholeNumber(limit);
      if (number.isEmpty() || number.getAsLong() < 1 || number.getAsLong() > 100) {
        Problems.send(ctx, HttpProblem.invalidField("limit", "must be a whole number from 1 to 100"));
        return;
      }
      query.put("limit", number.getAsLong());
    }
    HttpReplies.answer(ctx, 200, services.request(GatewayContract.ORDERS, GatewayContract.LIST_ORDERS, ownedBy(ctx, query), HttpReplies.correlationId(ctx))
      .map(representation::page));
  }

  void cancel(RoutingContext ctx) {
    String ifMatch = ctx.request().getHeader("If-Match");
    if (ifMatch == null) {
      Problems.send(ctx, HttpProblem.of(428, "precondition-required", "Precondition required",
        "cancelling needs If-Match with the order's ETag (from GET " + representation.path() + "/{id})"));
      return;
    }
    JsonObject request = expectedVersion(ifMatch);
    if (request == null) {
      Problems.send(ctx, HttpProblem.invalidField("If-Match", "must be * or ETags this API handed out, such as \"3\""));
      return;
    }
    request.put("orderId", ctx.pathParam("id"));
    services.request(GatewayContract.ORDERS, GatewayContract.REQUEST_CANCEL, ownedBy(ctx, request), HttpReplies.correlationId(ctx))
      .onSuccess(order -> {
        ctx.response().putHeader("ETag", etag(order));
        HttpReplies.json(ctx, 202, representation.order(order));
      })
      .onFailure(failure -> Problems.fail(ctx, failure));
  }

  /** Rebuilds the orders' read model from their events; the same in every version. */
  void rebuildView(RoutingContext ctx) {
    HttpReplies.answer(ctx, 200, services.request(GatewayContract.ORDERS, GatewayContract.REBUILD_VIEW, new JsonObject(), HttpReplies.correlationId(ctx)));
  }

  /** Scopes a request to the caller's orders: the orders service answers another customer's order as missing. */
  private static JsonObject ownedBy(RoutingContext ctx, JsonObject request) {
    return CustomerAccess.caller(ctx).customerId().map(customerId -> request.put("customerId", customerId)).orElse(request);
  }

  private static String etag(JsonObject order) {
    return "\"" + order.getLong("version") + "\"";
  }

  /**
   * If-Match: {@code *} matches any version (RFC 9110), otherwise the one strong entity tag this
   * API handed out; a weak tag or a list is malformed here, as it is to the contract's validator;
   * {@code null} when the header is malformed.
   */
  private static JsonObject expectedVersion(String ifMatch) {
    String value = ifMatch.trim();
    if (value.equals("*")) {
      return new JsonObject().put("anyVersion", true);
    }
    Matcher tag = STRONG_TAG.matcher(value);
    return tag.matches() ? new JsonObject().put("expectedVersion", Long.parseLong(tag.group(1))) : null;
  }
}

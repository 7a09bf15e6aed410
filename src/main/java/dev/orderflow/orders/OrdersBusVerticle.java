package dev.orderflow.orders;

import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.core.NewIds;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Answers the orders' request-reply address: placing, reading and changing orders. */
final class OrdersBusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OrdersBusVerticle.class);

  private final OrdersStore store;
  private final OrderPricing pricing;
  private final OrdersOptions options;

  OrdersBusVerticle(OrdersStore store, OrderPricing pricing, OrdersOptions options) {
    this.store = store;
    this.pricing = pricing;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    // On this verticle's context, so a notice published before an order's request is seen before it.
    vertx.eventBus().<JsonObject>consumer(OrdersContract.ITEM_CHANGED, notice -> pricing.forgetPrice(notice.body().getString("sku")));
    return BusEndpoint.serve(vertx, OrdersContract.ADDRESS, OrdersContract.ACTIONS, LOG, Map.of(
      OrdersContract.PLACE, this::place,
      OrdersContract.GET, request -> get(request.body()),
      OrdersContract.LIST, request -> list(request.body()),
      OrdersContract.REQUEST_CANCEL, request -> update(request,
        order -> ownedBy(order, request.body()).requestCancel(expectedVersion(request.body()))),
      OrdersContract.CONFIRM, request -> update(request, Order::confirm),
      OrdersContract.CANCEL, request -> update(request, order -> order.cancel(reason(request.body()))),
      OrdersContract.REBUILD_VIEW, request -> store.rebuildView().map(orders -> new JsonObject().put("orders", orders)),
      OrdersContract.PAYMENT_TOKEN, request -> paymentToken(request.body())));
  }

  /** The token to charge a pending order with; refused (409) once the customer asked to cancel, so the order is not charged. */
  private Future<JsonObject> paymentToken(JsonObject request) {
    String orderId = request.getString("orderId", "");
    return store.findWithPaymentToken(orderId).map(order -> {
      OrdersStore.OrderWithToken withToken = order.orElseThrow(() -> new Refusal(404, "no order with id '" + orderId + "'"));
      JsonObject found = withToken.order();
      if (!OrdersContract.PENDING.equals(found.getString("status")) || found.getBoolean("cancellationRequested", false)) {
        throw new Refusal(409, "order " + orderId + " is " + found.getString("status")
          + (found.getBoolean("cancellationRequested", false) ? " with a cancel request" : "") + ": no payment token is handed out");
      }
      return new JsonObject().put("orderId", orderId)
        .put("paymentToken", withToken.paymentToken().orElseThrow(() -> new Refusal(404, "no payment token for order '" + orderId + "'")));
    });
  }

  private Future<JsonObject> place(BusEndpoint.Request request) {
    OrderRequest order = OrderRequest.parse(request.body(), options);
    String text = idempotencyKey(request.body());
    IdempotencyKeys.Key key = text == null ? null : new IdempotencyKeys.Key(order.customerId(), text);
    String fingerprint = IdempotencyKeys.fingerprint(order.canonical());
    Future<Optional<OrdersStore.StoredRequest>> stored = key == null ? Future.succeededFuture(Optional.empty()) : store.storedRequest(key);
    return stored.compose(answered -> {
      if (answered.isPresent()) {
        return Future.succeededFuture(IdempotencyKeys.replay(answered.get(), fingerprint));
      }
      String orderId = NewIds.next();
      return pricing.price(order, request).compose(lines -> {
        Money total = lines.stream().map(OrderLine::total).reduce(Money.zero(lines.get(0).unitPrice().currency()), Money::plus);
        Order.Change placed = new Order.Change(OrdersContract.ORDER_PLACED,
          Order.placedEvent(orderId, order.customerId(), lines, total, order.orchestration()));
        return store.place(orderId, placed, order.paymentToken(), request, key, fingerprint)
          .onSuccess(accepted -> LOG.atInfo().addKeyValue(Correlation.LOG_FIELD, request.correlationId())
            .log("order {} placed by customer {}: {} {} correlationId={}", orderId, order.customerId(), total.amount(), total.currencyCode(),
              request.correlationId()));
      });
    });
  }

  private Future<JsonObject> get(JsonObject request) {
    String id = request.getString("id", "");
    String customerId = request.getString("customerId");
    return store.find(id).compose(order -> order.filter(found -> customerId == null || customerId.equals(found.getString("customerId")))
      .map(Future::succeededFuture)
      .orElseGet(() -> Future.failedFuture(new Refusal(404, "no order with id '" + id + "'"))));
  }

  private Future<JsonObject> list(JsonObject request) {
    OrderQuery query = OrderQuery.parse(request);
    return store.list(query).map(orders -> {
      boolean more = orders.size() > query.limit();
      List<JsonObject> page = more ? orders.subList(0, query.limit()) : orders;
      JsonObject answer = new JsonObject().put("orders", new JsonArray(page));
      if (more) {
        answer.put("nextCursor", OrderQuery.cursorAfter(page.get(page.size() - 1)));
      }
      return answer;
    });
  }

  private Future<JsonObject> update(BusEndpoint.Request request, Function<Order, Optional<Order.Change>> decide) {
    String orderId = request.body().getString("orderId", "");
    return store.update(orderId, decide, request.correlationId(), request.body().getString("causationId")).map(Order::toJson);
  }

  /** The order, when the request names no customer or the order's; another customer's order is missing, as one that does not exist. */
  private static Order ownedBy(Order order, JsonObject request) {
    String customerId = request.getString("customerId");
    if (customerId != null && !customerId.equals(order.customerId())) {
      throw new Refusal(404, "no order with id '" + order.id() + "'");
    }
    return order;
  }

  /** The version the caller's If-Match names; {@code null} for any ({@code anyVersion}, If-Match *). */
  private static Long expectedVersion(JsonObject request) {
    if (request.getBoolean("anyVersion", false)) {
      return null;
    }
    if (!(request.getValue("expectedVersion") instanceof Number version)) {
      throw new Refusal(400, "If-Match: the order's ETag is required");
    }
    return version.longValue();
  }

  private static String reason(JsonObject request) {
    String reason = request.getString("reason");
    if (!OrdersContract.CANCEL_REASONS.contains(reason)) {
      throw new Refusal(400, "reason: must be one of " + OrdersContract.CANCEL_REASONS);
    }
    return reason;
  }

  private static String idempotencyKey(JsonObject request) {
    Object key = request.getValue("idempotencyKey");
    if (key == null) {
      return null;
    }
    if (!(key instanceof String text) || text.isBlank() || text.length() > IdempotencyKeys.MAX_KEY_LENGTH) {
      throw new Refusal(400, "Idempotency-Key: must be 1 to " + IdempotencyKeys.MAX_KEY_LENGTH + " characters");
    }
    return text;
  }
}

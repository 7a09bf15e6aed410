package dev.orderflow.checkout;

import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Answers the checkout's address: the admin view of sagas, an operator's retry, and the synchronous checkout. */
final class CheckoutBusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CheckoutBusVerticle.class);
  private static final int MAX_LIMIT = 200;
  private static final Set<String> STATES = Set.of("RUNNING", "COMPENSATING", "PARKED", "CONFIRMED", "CANCELLED");

  private final Checkout checkout;
  private final ServiceClient services;

  CheckoutBusVerticle(Checkout checkout, ServiceClient services) {
    this.checkout = checkout;
    this.services = services;
  }

  @Override
  public Future<?> start() {
    return BusEndpoint.serve(vertx, CheckoutContract.ADDRESS, CheckoutContract.ACTIONS, LOG, Map.of(
      CheckoutContract.LIST_SAGAS, request -> listSagas(request.body()),
      CheckoutContract.RETRY_SAGA, request -> retry(request.body().getString("orderId", "")),
      CheckoutContract.CHECKOUT_SYNC, this::checkoutSync));
  }

  private Future<JsonObject> listSagas(JsonObject request) {
    String state = request.getString("state");
    if (state != null && !STATES.contains(state)) {
      throw new Refusal(400, "state: must be one of " + STATES);
    }
    Object limit = request.getValue("limit", 50);
    if (!(limit instanceof Number number) || number.intValue() < 1 || number.intValue() > MAX_LIMIT) {
      throw new Refusal(400, "limit: must be a whole number from 1 to " + MAX_LIMIT);
    }
    return checkout.store().list(state, number.intValue()).compose(sagas -> checkout.store()
      .histories(sagas.stream().map(Saga::orderId).toList())
      .map(histories -> {
        JsonArray listed = new JsonArray();
        sagas.forEach(saga -> listed.add(saga.toJson().put("history", histories.get(saga.orderId()))));
        return new JsonObject().put("sagas", listed);
      }));
  }

  private Future<JsonObject> retry(String orderId) {
    return checkout.store().find(orderId).compose(found -> {
      Saga saga = found.orElseThrow(() -> new Refusal(404, "no saga for order '" + orderId + "'"));
      if (saga.state() != Saga.State.PARKED) {
        throw new Refusal(409, "the saga of order " + orderId + " is " + saga.state() + "; only a parked saga can be retried");
      }
      return checkout.store().save(saga.resumed(System.currentTimeMillis()), saga.step(), "RESUMED", "retried by an operator")
        .recover(failure -> Future.failedFuture(failure instanceof SagaStore.SagaChanged
          ? new Refusal(409, "the saga of order " + orderId + " changed meanwhile; look again before retrying")
          : failure));
    }).map(resumed -> {
      LOG.info("saga {} resumed by an operator correlationId={}", resumed.orderId(), resumed.correlationId());
      checkout.driver().drive(resumed);
      return resumed.toJson();
    });
  }

  /**
   * The synchronous twin: places the order and runs the same saga steps while the caller waits;
   * answers how the checkout ended, with the order.
   */
  private Future<JsonObject> checkoutSync(BusEndpoint.Request request) {
    JsonObject placing = request.body().copy().put("orchestration", CheckoutContract.SYNC_ORCHESTRATION);
    return services.request(CheckoutContract.ORDERS, CheckoutContract.PLACE_ORDER, placing, request)
      .compose(placed -> order(placed.getString("orderId"), request))
      .compose(order -> answeredInTime(request, order.getString("id"),
        checkout.run(OrderPlaced.fromOrder(order, CheckoutContract.SYNC_ORCHESTRATION), request.correlationId())
        .compose(saga -> order(saga.orderId(), request).map(settled -> {
          JsonObject answer = new JsonObject().put("outcome", saga.state().name()).put("order", settled);
          if (saga.reason() != null) {
            answer.put("reason", saga.reason());
          }
          return answer;
        }))));
  }

  /**
   * The caller's patience (less a margin for the answer's way back) is the answer's deadline: past
   * it the checkout answers 504 itself, the saga running on, rather than let the caller time out,
   * which the caller's breaker would count as a fault of the checkout.
   */
  private static Future<JsonObject> answeredInTime(BusEndpoint.Request request, String orderId, Future<JsonObject> answer) {
    long remaining = request.remainingMs();
    if (remaining == Long.MAX_VALUE) {
      return answer;
    }
    return answer.timeout(Math.max(1, remaining - Math.min(1000, remaining / 10)), TimeUnit.MILLISECONDS)
      .recover(failure -> Future.failedFuture(failure instanceof TimeoutException
        ? new Refusal(504, "the checkout of order " + orderId + " is still running; GET /api/v1/orders/" + orderId + " tells how it ends")
        : failure));
  }

  private Future<JsonObject> order(String orderId, BusEndpoint.Request within) {
    return services.request(CheckoutContract.ORDERS, CheckoutContract.GET_ORDER, new JsonObject().put("id", orderId), within);
  }
}

package dev.orderflow.checkout;

import dev.orderflow.platform.ServiceClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Starting a checkout: the saga is stored once per order, then driven; a second start joins or
 * reports the first. The payment token is asked of the orders service, which keeps it out of the
 * order's events.
 */
final class Checkout {

  private final SagaStore store;
  private final SagaDriver driver;
  private final ServiceClient services;

  Checkout(SagaStore store, SagaDriver driver, ServiceClient services) {
    this.store = store;
    this.driver = driver;
    this.services = services;
  }

  /** Stores the saga of a placed order ({@code OrderPlaced} data) unless it exists; completes with the stored saga. */
  Future<Saga> begin(JsonObject placed, String correlationId) {
    String orderId = placed.getString("orderId");
    return store.find(orderId).compose(existing -> existing.isPresent()
      ? Future.succeededFuture(existing.get())
      : services.request("orders", "payment-token", new JsonObject().put("orderId", orderId), correlationId)
        .compose(token -> {
          Saga saga = Saga.begin(placed, token.getString("paymentToken"), placed.getString("orchestration", "saga"), correlationId,
            driver.deadlineFromNow(), System.currentTimeMillis());
          return store.begin(saga).compose(begun -> begun
            ? Future.succeededFuture(saga.recorded())
            : store.find(orderId).map(stored -> stored.orElseThrow()));
        }));
  }

  /** Begins (if need be) and drives the saga of a placed order; completes once it settled. */
  Future<Saga> run(JsonObject placed, String correlationId) {
    return begin(placed, correlationId).compose(saga -> driver.drive(saga.orderId()));
  }

  SagaStore store() {
    return store;
  }

  SagaDriver driver() {
    return driver;
  }
}

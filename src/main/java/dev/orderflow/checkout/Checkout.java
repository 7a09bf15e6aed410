package dev.orderflow.checkout;

import io.vertx.core.Future;

/** Starting a checkout: the saga is stored once per order, then driven; a second start joins or reports the first. */
final class Checkout {

  private final SagaStore store;
  private final SagaDriver driver;

  Checkout(SagaStore store, SagaDriver driver) {
    this.store = store;
    this.driver = driver;
  }

  /**
   * Stores the saga of a placed order unless it exists; completes with the stored saga.
   * {@code causationId}: the OrderPlaced event's id, null when a request runs the checkout.
   */
  Future<Saga> begin(OrderPlaced placed, String correlationId, String causationId) {
    Saga saga = Saga.begin(placed, correlationId, causationId, Saga.CLOCK_NOT_STARTED, System.currentTimeMillis());
    return store.begin(saga).compose(begun -> begun.isPresent()
      ? Future.succeededFuture(begun.get())
      : store.find(saga.orderId()).map(existing -> existing.orElseThrow()));
  }

  /** Begins (if need be) and drives the saga of a placed order; completes once it settled. */
  Future<Saga> run(OrderPlaced placed, String correlationId) {
    return begin(placed, correlationId, null).compose(driver::drive);
  }

  SagaStore store() {
    return store;
  }

  SagaDriver driver() {
    return driver;
  }
}

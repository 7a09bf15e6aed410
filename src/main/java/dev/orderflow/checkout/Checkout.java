package dev.orderflow.checkout;

import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;

import java.util.List;
import java.util.stream.IntStream;

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
    return beginAll(List.of(new Placement(placed, correlationId, causationId))).map(sagas -> sagas.get(0));
  }

  /** Stores the sagas of placed orders, in one write, unless they exist; completes with each stored saga, in order. */
  Future<List<Saga>> beginAll(List<Placement> placements) {
    long now = System.currentTimeMillis();
    List<Saga> sagas = placements.stream()
      .map(placement -> Saga.begin(placement.placed(), placement.correlationId(), placement.causationId(), Saga.CLOCK_NOT_STARTED, now))
      .toList();
    return store.beginAll(sagas).compose(begun -> Future.all(IntStream.range(0, sagas.size())
        .mapToObj(i -> begun.get(i).map(Future::succeededFuture)
          .orElseGet(() -> store.find(sagas.get(i).orderId()).map(existing -> existing.orElseThrow())))
        .toList()))
      .map(CompositeFuture::<Saga>list);
  }

  /** A placed order to begin the checkout of, with the ids of its request and of the event that told of it (null for a request). */
  record Placement(OrderPlaced placed, String correlationId, String causationId) {
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

package dev.orderflow.checkout;

import dev.orderflow.platform.messaging.Event;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumer group {@code checkout}: each OrderPlaced begins its saga (once: the saga table is keyed
 * by order id) and the record counts as handled once the saga is stored, the sagas of a partition's
 * run of records in one write; the saga then runs on its own, so one slow checkout never holds up a
 * partition. A synchronous checkout is driven where its caller waits (maybe another instance);
 * should this instance have stored it first and nobody have driven it after a grace period (its
 * caller's instance failed before it could), it is driven here, well before its deadline. One its
 * caller's instance stored is that instance's to drive, or to lose with its lease.
 */
final class OrderPlacedListener {

  private static final Logger LOG = LoggerFactory.getLogger(OrderPlacedListener.class);

  private final Vertx vertx;
  private final Checkout checkout;
  private final long syncGraceMs;

  OrderPlacedListener(Vertx vertx, Checkout checkout, long syncGraceMs) {
    this.vertx = vertx;
    this.checkout = checkout;
    this.syncGraceMs = syncGraceMs;
  }

  Future<Void> onEvent(Event event) {
    return onRun(List.of(event));
  }

  /** Begins the sagas of a run of OrderPlaced events in one write; fails, having begun none, when one of them cannot be read. */
  Future<Void> onRun(List<Event> events) {
    List<Checkout.Placement> placements = new ArrayList<>(events.size());
    for (Event event : events) {
      try {
        placements.add(new Checkout.Placement(OrderPlaced.fromEvent(event.data()), event.correlationId(), event.id()));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture("OrderPlaced " + event.id() + " " + e.getMessage());
      }
    }
    return checkout.beginAll(placements).onSuccess(sagas -> sagas.forEach(this::begun)).mapEmpty();
  }

  private void begun(Saga saga) {
    LOG.debug("checkout of order {} begun correlationId={}", saga.orderId(), saga.correlationId());
    if (CheckoutContract.SYNC_ORCHESTRATION.equals(saga.orchestration())) {
      vertx.setTimer(syncGraceMs, fired -> driveIfNobodyDid(saga.orderId()));
    } else {
      checkout.driver().drive(saga);
    }
  }

  private void driveIfNobodyDid(String orderId) {
    checkout.store().find(orderId)
      .onSuccess(found -> found.filter(saga -> !saga.settled() && saga.historySize() == 1 && !checkout.driver().driving(orderId)
          && saga.ownedBy(checkout.store().instance()))
        .ifPresent(saga -> {
          LOG.warn("synchronous checkout of order {} was not driven by its caller's instance; driving it here correlationId={}", orderId,
            saga.correlationId());
          checkout.driver().drive(saga);
        }))
      .onFailure(failure -> LOG.warn("could not look at the synchronous checkout of order {}: {}", orderId, failure.getMessage()));
  }
}

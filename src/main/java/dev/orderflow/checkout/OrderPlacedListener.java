package dev.orderflow.checkout;

import dev.orderflow.platform.Event;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer group {@code checkout}: each OrderPlaced begins its saga (once: the saga table is keyed
 * by order id) and the record counts as handled once the saga is stored; the saga then runs on
 * its own, so one slow checkout never holds up a partition.
 */
final class OrderPlacedListener {

  private static final Logger LOG = LoggerFactory.getLogger(OrderPlacedListener.class);

  private final Checkout checkout;

  OrderPlacedListener(Checkout checkout) {
    this.checkout = checkout;
  }

  Future<Void> onEvent(Event event) {
    if (!CheckoutContract.ORDER_PLACED.equals(event.type())) {
      return Future.succeededFuture();
    }
    if (event.data().getString("orderId") == null) {
      return Future.failedFuture("OrderPlaced " + event.id() + " lacks orderId");
    }
    return checkout.begin(event.data(), event.correlationId())
      .onSuccess(saga -> {
        LOG.info("checkout of order {} begun correlationId={}", saga.orderId(), event.correlationId());
        // a synchronous checkout is driven where its caller waits (in another instance, maybe); taken over if that one dies
        if (!CheckoutContract.SYNC_ORCHESTRATION.equals(saga.orchestration())) {
          checkout.driver().drive(saga.orderId());
        }
      })
      .mapEmpty();
  }
}

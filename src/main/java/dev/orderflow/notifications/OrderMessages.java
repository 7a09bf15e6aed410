package dev.orderflow.notifications;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Consumer group {@code notifications-orders}: tells the customer, once, that an order was confirmed or cancelled. */
final class OrderMessages {

  private static final Logger LOG = LoggerFactory.getLogger(OrderMessages.class);

  private final NotificationsStore store;

  OrderMessages(NotificationsStore store) {
    this.store = store;
  }

  Future<Void> onEvent(Event event) {
    Optional<OrderOutcome> read = OrderOutcome.from(event.type(), event.data());
    if (read.isEmpty()) {
      return Future.failedFuture(event.type() + " " + event.id() + " lacks orderId or customerId");
    }
    OrderOutcome outcome = read.get();
    return Inbox.applyOnce(store.database(), NotificationsContract.ORDERS_GROUP, event,
        connection -> NotificationsStore.recordForOrder(connection, outcome.customerId(), outcome.orderId(), outcome.kind(), outcome.message(), event.id()))
      .onSuccess(applied -> LOG.debug("{} message for order {} {} correlationId={}", outcome.kind(), outcome.orderId(),
        applied ? "recorded" : "already recorded", event.correlationId()))
      .mapEmpty();
  }
}

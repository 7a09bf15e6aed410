package dev.orderflow.notifications;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;

/** Consumer group {@code notifications-orders}: tells the customer, once, that an order was confirmed or cancelled. */
final class OrderMessages {

  private OrderMessages() {
  }

  static Inbox.Effect effectOf(Event event) {
    OrderOutcome outcome = OrderOutcome.from(event.type(), event.data())
      .orElseThrow(() -> new IllegalArgumentException(event.type() + " " + event.id() + " lacks orderId or customerId"));
    return tx -> NotificationsStore.recordForOrder(tx, outcome.customerId(), outcome.orderId(), outcome.kind(), outcome.message(), event.id());
  }
}

package dev.orderflow.analytics;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;

/** Consumer group {@code analytics-orders}: counts confirmed orders; a replay from the start rebuilds the figures. */
final class OrderCounting {

  private OrderCounting() {
  }

  static Inbox.Effect effectOf(Event event) {
    if (event.time() == null || event.data().getJsonArray("lines") == null || event.data().getString("total") == null) {
      throw new IllegalArgumentException("OrderConfirmed " + event.id() + " lacks time, lines or total");
    }
    ConfirmedOrder order = ConfirmedOrder.from(event.time(), event.data());
    return tx -> OrderFigures.countConfirmed(tx, order);
  }
}

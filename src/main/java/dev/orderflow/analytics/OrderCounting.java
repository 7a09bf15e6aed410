package dev.orderflow.analytics;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;
import io.vertx.core.Future;

/** Consumer group {@code analytics-orders}: counts confirmed orders; a replay from the start rebuilds the figures. */
final class OrderCounting {

  private final OrderFigures figures;

  OrderCounting(OrderFigures figures) {
    this.figures = figures;
  }

  Future<Void> onEvent(Event event) {
    if (event.time() == null || event.data().getJsonArray("lines") == null || event.data().getString("total") == null) {
      return Future.failedFuture("OrderConfirmed " + event.id() + " lacks time, lines or total");
    }
    return Inbox.applyOnce(figures.database(), AnalyticsContract.ORDERS_GROUP, event,
      connection -> OrderFigures.countConfirmed(connection, ConfirmedOrder.from(event.time(), event.data()))).mapEmpty();
  }
}

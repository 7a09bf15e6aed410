package dev.orderflow.notifications;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Consumer group {@code notifications-orders}: tells the customer, once, that an order was confirmed or cancelled. */
final class OrderMessages {

  static final String ORDER_CONFIRMED = "ORDER_CONFIRMED";
  static final String ORDER_CANCELLED = "ORDER_CANCELLED";
  private static final Logger LOG = LoggerFactory.getLogger(OrderMessages.class);

  private final NotificationsStore store;

  OrderMessages(NotificationsStore store) {
    this.store = store;
  }

  Future<Void> onEvent(Event event) {
    boolean confirmed = NotificationsContract.ORDER_CONFIRMED.equals(event.type());
    JsonObject data = event.data();
    String orderId = data.getString("orderId");
    String customerId = data.getString("customerId");
    if (orderId == null || customerId == null) {
      return Future.failedFuture(event.type() + " " + event.id() + " lacks orderId or customerId");
    }
    String kind = confirmed ? ORDER_CONFIRMED : ORDER_CANCELLED;
    String message = confirmed
      ? "Your order " + orderId + " is confirmed: " + data.getString("total") + " " + data.getString("currency") + "."
      : "Your order " + orderId + " was cancelled (" + data.getString("reason") + "); any payment is refunded.";
    return Inbox.applyOnce(store.database(), NotificationsContract.ORDERS_GROUP, event,
        connection -> NotificationsStore.recordForOrder(connection, customerId, orderId, kind, message, event.id()))
      .onSuccess(applied -> LOG.debug("{} message for order {} {} correlationId={}", kind, orderId,
        applied ? "recorded" : "already recorded", event.correlationId()))
      .mapEmpty();
  }
}

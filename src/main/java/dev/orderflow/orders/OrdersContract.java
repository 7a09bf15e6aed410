package dev.orderflow.orders;

/** What the orders module provides: service, address, actions, topic, event types, statuses. */
final class OrdersContract {

  static final String SERVICE = "orders";
  static final String ADDRESS = "orders.requests";
  static final String PLACE = "place-order";
  static final String GET = "get-order";
  static final String LIST = "list-orders";
  static final String REQUEST_CANCEL = "request-cancel";
  static final String CONFIRM = "confirm-order";
  static final String CANCEL = "cancel-order";
  static final String REBUILD_VIEW = "rebuild-view";
  static final String PAYMENT_TOKEN = "payment-token";

  static final String TOPIC = "orderflow.orders";
  static final String SOURCE = "/orderflow/orders";
  static final String ORDER_PLACED = "orderflow.orders.OrderPlaced.v1";
  static final String ORDER_CONFIRMED = "orderflow.orders.OrderConfirmed.v1";
  static final String ORDER_CANCELLATION_REQUESTED = "orderflow.orders.OrderCancellationRequested.v1";
  static final String ORDER_CANCELLED = "orderflow.orders.OrderCancelled.v1";

  static final String PENDING = "PENDING";
  static final String CONFIRMED = "CONFIRMED";
  static final String CANCELLED = "CANCELLED";

  private OrdersContract() {
  }
}

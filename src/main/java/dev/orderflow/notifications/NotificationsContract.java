package dev.orderflow.notifications;

/** What notifications provides (service, address, action) and requires (topic, event type). */
final class NotificationsContract {

  static final String SERVICE = "notifications";
  static final String ADDRESS = "notifications.requests";
  static final String LIST = "list-notifications";

  static final String GROUP = "notifications";
  static final String CUSTOMERS_TOPIC = "orderflow.customers";
  static final String CUSTOMER_REGISTERED_PREFIX = "orderflow.customers.CustomerRegistered.";
  static final String ORDERS_GROUP = "notifications-orders";
  static final String ORDERS_TOPIC = "orderflow.orders";
  static final String ORDER_CONFIRMED = "orderflow.orders.OrderConfirmed.v1";
  static final String ORDER_CANCELLED = "orderflow.orders.OrderCancelled.v1";

  private NotificationsContract() {
  }
}

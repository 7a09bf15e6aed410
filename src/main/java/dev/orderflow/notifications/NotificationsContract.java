package dev.orderflow.notifications;

/** What notifications provides (service, address, action) and requires (topic, event type). */
final class NotificationsContract {

  static final String SERVICE = "notifications";
  static final String ADDRESS = "notifications.requests";
  static final String LIST = "list-notifications";

  static final String GROUP = "notifications";
  static final String CUSTOMERS_TOPIC = "orderflow.customers";
  static final String CUSTOMER_REGISTERED_PREFIX = "orderflow.customers.CustomerRegistered.";

  private NotificationsContract() {
  }
}

package dev.orderflow.analytics;

/** What analytics provides (service, address, action) and requires (topic, event type). */
final class AnalyticsContract {

  static final String SERVICE = "analytics";
  static final String ADDRESS = "analytics.requests";
  static final String REGISTRATIONS = "registrations";

  static final String GROUP = "analytics";
  static final String CUSTOMERS_TOPIC = "orderflow.customers";
  static final String CUSTOMER_REGISTERED_PREFIX = "orderflow.customers.CustomerRegistered.";
  static final String ORDERS = "orders";
  static final String ORDERS_GROUP = "analytics-orders";
  static final String ORDERS_TOPIC = "orderflow.orders";
  static final String ORDER_CONFIRMED = "orderflow.orders.OrderConfirmed.v1";

  private AnalyticsContract() {
  }
}

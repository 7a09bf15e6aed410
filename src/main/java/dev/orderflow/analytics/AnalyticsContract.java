package dev.orderflow.analytics;

import dev.orderflow.platform.messaging.EventTypes;

import java.util.Map;
import java.util.Set;

/** What analytics provides (service, address, action) and requires (topic, event type). */
final class AnalyticsContract {

  static final String SERVICE = "analytics";
  static final String ADDRESS = "analytics.requests";
  static final String REGISTRATIONS = "registrations";

  static final String ORDERS = "orders";
  static final Set<String> ACTIONS = Set.of(REGISTRATIONS, ORDERS);

  static final String GROUP = "analytics";
  static final String CUSTOMERS_TOPIC = "orderflow.customers";
  static final String CUSTOMER_REGISTERED = "orderflow.customers.CustomerRegistered.v1";
  static final EventTypes CUSTOMER_EVENTS = EventTypes.handling(CUSTOMER_REGISTERED);
  static final String ORDERS_GROUP = "analytics-orders";
  static final String ORDERS_TOPIC = "orderflow.orders";
  static final String ORDER_CONFIRMED = "orderflow.orders.OrderConfirmed.v1";
  static final EventTypes ORDER_EVENTS = EventTypes.handling(ORDER_CONFIRMED)
    .ignoring("orderflow.orders.OrderPlaced.v1", "orderflow.orders.OrderCancellationRequested.v1", "orderflow.orders.OrderCancelled.v1");

  /** The actions this module asks of others, by service: none. */
  static final Map<String, Set<String>> REQUIRED_ACTIONS = Map.of();
  /** The values of other modules' vocabularies this module relies on, by service and set: none. */
  static final Map<String, Map<String, Set<String>>> REQUIRED_VALUES = Map.of();
  static final Map<String, EventTypes> REQUIRED_EVENTS = Map.of(CUSTOMERS_TOPIC, CUSTOMER_EVENTS, ORDERS_TOPIC, ORDER_EVENTS);
  /**
   * The fields this module reads of each event type's data ({@code a[].b}: field b of each item of
   * array a); a registration is counted by its envelope's time alone.
   */
  static final Map<String, Set<String>> REQUIRED_FIELDS = Map.of(
    CUSTOMER_REGISTERED, Set.of(),
    ORDER_CONFIRMED, Set.of("total", "currency", "lines[].sku", "lines[].quantity"));
  /** The ephemeral notices (event-bus publish) this module listens to: none. */
  static final Set<String> REQUIRED_NOTICES = Set.of();

  private AnalyticsContract() {
  }
}

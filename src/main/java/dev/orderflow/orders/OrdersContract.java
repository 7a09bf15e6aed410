package dev.orderflow.orders;

import dev.orderflow.platform.messaging.EventTypes;

import java.util.Map;
import java.util.Set;

/** What the orders module provides (service, address, actions, topic, event types, statuses) and requires (customers, catalog). */
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
  static final Set<String> ACTIONS = Set.of(PLACE, GET, LIST, REQUEST_CANCEL, CONFIRM, CANCEL, REBUILD_VIEW, PAYMENT_TOKEN);

  static final String TOPIC = "orderflow.orders";
  static final String SOURCE = "/orderflow/orders";
  static final String ORDER_PLACED = "orderflow.orders.OrderPlaced.v1";
  static final String ORDER_CONFIRMED = "orderflow.orders.OrderConfirmed.v1";
  static final String ORDER_CANCELLATION_REQUESTED = "orderflow.orders.OrderCancellationRequested.v1";
  static final String ORDER_CANCELLED = "orderflow.orders.OrderCancelled.v1";
  static final Set<String> EVENT_TYPES = Set.of(ORDER_PLACED, ORDER_CONFIRMED, ORDER_CANCELLATION_REQUESTED, ORDER_CANCELLED);

  static final String PENDING = "PENDING";
  static final String CONFIRMED = "CONFIRMED";
  static final String CANCELLED = "CANCELLED";

  /** Why an order was cancelled: what {@code cancel-order} accepts and OrderCancelled's {@code reason} carries. */
  static final Set<String> CANCEL_REASONS = Set.of(
    "OUT_OF_STOCK", "PAYMENT_DECLINED", "PAYMENT_UNAVAILABLE", "TIMEOUT", "CANCELLED_BY_CUSTOMER");

  /** Pricing an order asks for its customer and each of its items. */
  static final String CUSTOMERS = "customers";
  static final String GET_CUSTOMER = "get-customer";
  static final String CATALOG = "catalog";
  static final String GET_ITEM = "get-item";
  static final Map<String, Set<String>> REQUIRED_ACTIONS = Map.of(CUSTOMERS, Set.of(GET_CUSTOMER), CATALOG, Set.of(GET_ITEM));
  /** The values of other modules' vocabularies this module relies on, by service and set: none. */
  static final Map<String, Map<String, Set<String>>> REQUIRED_VALUES = Map.of();
  /** The topics this module reads, with the event types it declares on each: none. */
  static final Map<String, EventTypes> REQUIRED_EVENTS = Map.of();
  /** The fields this module reads of each event type's data: none. */
  static final Map<String, Set<String>> REQUIRED_FIELDS = Map.of();
  /** A changed catalog item: pricing forgets the price it remembered. */
  static final String ITEM_CHANGED = "catalog.item-changed";
  /** The ephemeral notices (event-bus publish) this module listens to. */
  static final Set<String> REQUIRED_NOTICES = Set.of(ITEM_CHANGED);

  private OrdersContract() {
  }
}

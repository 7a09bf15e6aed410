package dev.orderflow.checkout;

import dev.orderflow.platform.messaging.EventTypes;

import java.util.Map;
import java.util.Set;

/** What the checkout provides (service, address, actions, notice) and requires (actions of orders, inventory, payments; order events). */
final class CheckoutContract {

  static final String SERVICE = "checkout";
  static final String ADDRESS = "checkout.requests";
  static final String LIST_SAGAS = "list-sagas";
  static final String RETRY_SAGA = "retry-saga";
  static final String CHECKOUT_SYNC = "checkout-sync";
  static final Set<String> ACTIONS = Set.of(LIST_SAGAS, RETRY_SAGA, CHECKOUT_SYNC);
  /**
   * Ephemeral notice, published by every instance a few times a second: {@code {instance, backlog,
   * maxBacklog, settledPerSecond, validForMs}}, the sagas it holds unsettled (running, waiting for a
   * place or waiting out a backoff), the most it takes on (ORDERFLOW_CHECKOUT_MAX_BACKLOG), how many
   * it settled per second lately, and how long the figures hold (a later notice replaces them, a
   * gone instance's expire). May be lost: acceptance reads it to push back before orders pile up.
   */
  static final String BACKLOG = "checkout.backlog";
  static final Set<String> NOTICES = Set.of(BACKLOG);
  /** The orchestration of an order placed through {@code checkout-sync}. */
  static final String SYNC_ORCHESTRATION = "sync";
  /** The orchestration of an OrderPlaced that names none: the asynchronous saga. */
  static final String SAGA_ORCHESTRATION = "saga";

  static final String GROUP = "checkout";
  static final String ORDERS_TOPIC = "orderflow.orders";
  static final String ORDER_PLACED = "orderflow.orders.OrderPlaced.v1";
  /**
   * Checkout begins a saga for every OrderPlaced and needs no other order event; an order event of
   * a type it has never seen (say OrderPlaced.v2) is refused, so that it is dead-lettered rather
   * than an order left unpaid without a word.
   */
  static final EventTypes ORDER_EVENTS = EventTypes.handling(ORDER_PLACED)
    .ignoring("orderflow.orders.OrderConfirmed.v1", "orderflow.orders.OrderCancellationRequested.v1",
      "orderflow.orders.OrderCancelled.v1")
    .otherwise(EventTypes.UnknownTypes.REFUSE);
  static final Map<String, EventTypes> REQUIRED_EVENTS = Map.of(ORDERS_TOPIC, ORDER_EVENTS);
  /** The fields this module reads of each event type's data (the lines go to inventory as they are). */
  static final Map<String, Set<String>> REQUIRED_FIELDS = Map.of(
    ORDER_PLACED, Set.of("orderId", "customerId", "lines", "total", "currency", "orchestration"));

  static final String ORDERS = "orders";
  static final String PLACE_ORDER = "place-order";
  static final String GET_ORDER = "get-order";
  static final String PAYMENT_TOKEN = "payment-token";
  static final String CONFIRM_ORDER = "confirm-order";
  static final String CANCEL_ORDER = "cancel-order";
  static final String INVENTORY = "inventory";
  static final String RESERVE = "reserve";
  static final String RELEASE = "release";
  static final String PAYMENTS = "payments";
  static final String CHARGE = "charge";
  static final String REFUND = "refund";
  /** The status of a charge that took the money. */
  static final String CAPTURED = "CAPTURED";
  /** Why the checkout cancels an order: the reasons it sends with {@code cancel-order}. */
  static final String OUT_OF_STOCK = "OUT_OF_STOCK";
  static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";
  static final String PAYMENT_UNAVAILABLE = "PAYMENT_UNAVAILABLE";
  static final String TIMEOUT = "TIMEOUT";
  static final String CANCELLED_BY_CUSTOMER = "CANCELLED_BY_CUSTOMER";
  static final Map<String, Set<String>> REQUIRED_ACTIONS = Map.of(
    ORDERS, Set.of(PLACE_ORDER, GET_ORDER, PAYMENT_TOKEN, CONFIRM_ORDER, CANCEL_ORDER),
    INVENTORY, Set.of(RESERVE, RELEASE),
    PAYMENTS, Set.of(CHARGE, REFUND));
  /** The values of other modules' vocabularies this module relies on, by service and the provider's set. */
  static final Map<String, Map<String, Set<String>>> REQUIRED_VALUES = Map.of(
    ORDERS, Map.of("CANCEL_REASONS", Set.of(OUT_OF_STOCK, PAYMENT_DECLINED, PAYMENT_UNAVAILABLE, TIMEOUT, CANCELLED_BY_CUSTOMER)),
    PAYMENTS, Map.of("STATUSES", Set.of(CAPTURED)));
  /** The ephemeral notices (event-bus publish) this module listens to: none. */
  static final Set<String> REQUIRED_NOTICES = Set.of();

  private CheckoutContract() {
  }
}

package dev.orderflow.checkout;

import dev.orderflow.platform.messaging.EventTypes;

/** What the checkout provides and listens to: service, address, actions, consumer group, topic. */
final class CheckoutContract {

  static final String SERVICE = "checkout";
  static final String ADDRESS = "checkout.requests";
  static final String LIST_SAGAS = "list-sagas";
  static final String RETRY_SAGA = "retry-saga";
  static final String CHECKOUT_SYNC = "checkout-sync";
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

  private CheckoutContract() {
  }
}

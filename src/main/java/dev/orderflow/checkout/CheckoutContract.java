package dev.orderflow.checkout;

/** What the checkout provides and listens to: service, address, actions, consumer group, topic. */
final class CheckoutContract {

  static final String SERVICE = "checkout";
  static final String ADDRESS = "checkout.requests";
  static final String LIST_SAGAS = "list-sagas";
  static final String RETRY_SAGA = "retry-saga";
  static final String CHECKOUT_SYNC = "checkout-sync";
  /** The orchestration of an order placed through {@code checkout-sync}. */
  static final String SYNC_ORCHESTRATION = "sync";

  static final String GROUP = "checkout";
  static final String ORDERS_TOPIC = "orderflow.orders";
  static final String ORDER_PLACED = "orderflow.orders.OrderPlaced.v1";

  private CheckoutContract() {
  }
}

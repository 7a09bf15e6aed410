package dev.orderflow.gateway;

import dev.orderflow.platform.messaging.EventTypes;

import java.util.Map;
import java.util.Set;

/**
 * What the gateway requires of the modules behind it: the gateway's own copy of their service
 * names, actions and answers (modules share no types), checked against each provider's contract
 * by the contract test. What it provides is the HTTP API, in {@link ApiContract}.
 */
final class GatewayContract {

  static final String ORDERS = "orders";
  static final String PLACE_ORDER = "place-order";
  static final String GET_ORDER = "get-order";
  static final String LIST_ORDERS = "list-orders";
  static final String REQUEST_CANCEL = "request-cancel";
  static final String REBUILD_VIEW = "rebuild-view";

  static final String CHECKOUT = "checkout";
  static final String CHECKOUT_SYNC = "checkout-sync";
  static final String LIST_SAGAS = "list-sagas";
  static final String RETRY_SAGA = "retry-saga";
  /**
   * Published (not sent) by each checkout instance a few times a second: {@code {instance, backlog,
   * maxBacklog, settledPerSecond, validForMs}}. May be lost; read by {@link CheckoutBacklog}.
   */
  static final String CHECKOUT_BACKLOG = "checkout.backlog";
  /** How a synchronous checkout ended: its saga's final state. */
  static final String CONFIRMED = "CONFIRMED";
  static final String PARKED = "PARKED";
  /** Why a synchronous checkout cancelled its order: orders' cancel reasons, each answered with its own status. */
  static final String OUT_OF_STOCK = "OUT_OF_STOCK";
  static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";
  static final String PAYMENT_UNAVAILABLE = "PAYMENT_UNAVAILABLE";
  static final String TIMEOUT = "TIMEOUT";
  static final String CANCELLED_BY_CUSTOMER = "CANCELLED_BY_CUSTOMER";

  static final String CUSTOMERS = "customers";
  static final String REGISTER_CUSTOMER = "register-customer";
  static final String GET_CUSTOMER = "get-customer";
  static final String INVENTORY = "inventory";
  static final String GET_STOCK = "get-stock";
  static final String SET_AVAILABLE = "set-available";
  static final String PAYMENTS = "payments";
  static final String LIST_PAYMENTS = "list-payments";
  static final String ANALYTICS = "analytics";
  static final String REGISTRATION_FIGURES = "registrations";
  static final String ORDER_FIGURES = "orders";
  static final String NOTIFICATIONS = "notifications";
  static final String LIST_NOTIFICATIONS = "list-notifications";

  static final String PAYMENT_PROVIDER_FAULTS = "payment-provider.faults";
  static final String GET_FAULTS = "get-faults";
  static final String SET_FAULTS = "set-faults";

  static final Map<String, Set<String>> REQUIRED_ACTIONS = Map.of(
    ORDERS, Set.of(PLACE_ORDER, GET_ORDER, LIST_ORDERS, REQUEST_CANCEL, REBUILD_VIEW),
    CatalogCalls.SERVICE, Set.of(CatalogCalls.LIST_ITEMS, CatalogCalls.GET_ITEM, CatalogCalls.PUT_ITEM),
    CHECKOUT, Set.of(CHECKOUT_SYNC, LIST_SAGAS, RETRY_SAGA),
    CUSTOMERS, Set.of(REGISTER_CUSTOMER, GET_CUSTOMER),
    INVENTORY, Set.of(GET_STOCK, SET_AVAILABLE),
    PAYMENTS, Set.of(LIST_PAYMENTS),
    ANALYTICS, Set.of(REGISTRATION_FIGURES, ORDER_FIGURES),
    NOTIFICATIONS, Set.of(LIST_NOTIFICATIONS),
    PAYMENT_PROVIDER_FAULTS, Set.of(GET_FAULTS, SET_FAULTS));
  /** The values of other modules' vocabularies the gateway relies on, by service and the provider's set. */
  static final Map<String, Map<String, Set<String>>> REQUIRED_VALUES = Map.of(
    ORDERS, Map.of("CANCEL_REASONS", Set.of(OUT_OF_STOCK, PAYMENT_DECLINED, PAYMENT_UNAVAILABLE, TIMEOUT, CANCELLED_BY_CUSTOMER)));
  /** The topics this module reads, with the event types it declares on each: none. */
  static final Map<String, EventTypes> REQUIRED_EVENTS = Map.of();
  /** The fields this module reads of each event type's data: none. */
  static final Map<String, Set<String>> REQUIRED_FIELDS = Map.of();
  static final Set<String> REQUIRED_NOTICES = Set.of(CatalogCalls.ITEM_CHANGED, CHECKOUT_BACKLOG);

  private GatewayContract() {
  }
}

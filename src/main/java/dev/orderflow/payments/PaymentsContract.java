package dev.orderflow.payments;

import dev.orderflow.platform.messaging.EventTypes;

import java.util.Map;
import java.util.Set;

/** What payments provides (service, address, actions, payment states) and requires (the provider's record). */
final class PaymentsContract {

  static final String SERVICE = "payments";
  static final String ADDRESS = "payments.requests";
  static final String CHARGE = "charge";
  static final String REFUND = "refund";
  static final String LIST_PAYMENTS = "list-payments";
  static final String TOTALS = "totals";
  static final Set<String> ACTIONS = Set.of(CHARGE, REFUND, LIST_PAYMENTS, TOTALS);

  /** The HTTP-endpoint discovery record of the payment service provider. */
  static final String PROVIDER_RECORD = "payment-provider";

  static final String PENDING = "PENDING";
  static final String CAPTURED = "CAPTURED";
  static final String DECLINED = "DECLINED";
  static final String REFUNDED = "REFUNDED";
  /** Every attempt got a definite "not processed" answer: nothing was charged. */
  static final String FAILED = "FAILED";
  /** An attempt timed out: the provider may have charged; a refund or a repeated charge resolves it. */
  static final String UNKNOWN = "UNKNOWN";
  /** A refund's answer when there is no captured charge to give back. */
  static final String NOTHING_TO_REFUND = "NOTHING_TO_REFUND";
  /** Every status a payment can answer with. */
  static final Set<String> STATUSES = Set.of(PENDING, CAPTURED, DECLINED, REFUNDED, FAILED, UNKNOWN, NOTHING_TO_REFUND);

  /** The actions this module asks of others, by service: none. */
  static final Map<String, Set<String>> REQUIRED_ACTIONS = Map.of();
  /** The values of other modules' vocabularies this module relies on, by service and set: none. */
  static final Map<String, Map<String, Set<String>>> REQUIRED_VALUES = Map.of();
  /** The topics this module reads, with the event types it declares on each: none. */
  static final Map<String, EventTypes> REQUIRED_EVENTS = Map.of();
  /** The fields this module reads of each event type's data: none. */
  static final Map<String, Set<String>> REQUIRED_FIELDS = Map.of();
  /** The ephemeral notices (event-bus publish) this module listens to: none. */
  static final Set<String> REQUIRED_NOTICES = Set.of();

  private PaymentsContract() {
  }
}

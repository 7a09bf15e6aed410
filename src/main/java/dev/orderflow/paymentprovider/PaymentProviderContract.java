package dev.orderflow.paymentprovider;

import dev.orderflow.platform.messaging.EventTypes;

import java.util.Map;
import java.util.Set;

/** What the payment provider offers on the event bus (its fault switches, for tests and demos) and requires (nothing). */
final class PaymentProviderContract {

  static final String SERVICE = "payment-provider.faults";
  static final String GET_FAULTS = "get-faults";
  static final String SET_FAULTS = "set-faults";
  static final Set<String> ACTIONS = Set.of(GET_FAULTS, SET_FAULTS);

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

  private PaymentProviderContract() {
  }
}

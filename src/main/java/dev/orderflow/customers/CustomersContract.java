package dev.orderflow.customers;

import dev.orderflow.platform.messaging.EventTypes;

import java.util.Map;
import java.util.Set;

/** What the customers module provides (service, address, actions, topic, event type) and requires (nothing). */
final class CustomersContract {

  static final String SERVICE = "customers";
  static final String ADDRESS = "customers.requests";
  static final String REGISTER = "register-customer";
  static final String GET = "get-customer";
  static final Set<String> ACTIONS = Set.of(REGISTER, GET);

  static final String TOPIC = "orderflow.customers";
  static final String SOURCE = "/orderflow/customers";
  static final String CUSTOMER_REGISTERED = "orderflow.customers.CustomerRegistered.v1";
  static final Set<String> EVENT_TYPES = Set.of(CUSTOMER_REGISTERED);

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

  private CustomersContract() {
  }
}

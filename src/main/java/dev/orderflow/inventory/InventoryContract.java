package dev.orderflow.inventory;

import dev.orderflow.platform.messaging.EventTypes;

import java.util.Map;
import java.util.Set;

/** What inventory provides (service, address, actions, reservation states) and requires (nothing). */
final class InventoryContract {

  static final String SERVICE = "inventory";
  static final String ADDRESS = "inventory.requests";
  static final String RESERVE = "reserve";
  static final String RELEASE = "release";
  static final String GET_STOCK = "get-stock";
  /** An operator sets a sku's available stock: {@code {sku, available, actor}} → {@code {sku, available, reserved}}. */
  static final String SET_AVAILABLE = "set-available";
  static final Set<String> ACTIONS = Set.of(RESERVE, RELEASE, GET_STOCK, SET_AVAILABLE);
  /** The most stock an operator may set for one sku (the HTTP contract names the same bound). */
  static final long MAX_AVAILABLE = 1_000_000_000L;

  static final String RESERVED = "RESERVED";
  static final String RELEASED = "RELEASED";

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

  private InventoryContract() {
  }
}

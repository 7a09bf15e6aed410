package dev.orderflow.catalog;

import dev.orderflow.platform.messaging.EventTypes;

import java.util.Map;
import java.util.Set;

/** What the catalog provides (service, address, actions, notice) and requires (nothing). */
final class CatalogContract {

  static final String SERVICE = "catalog";
  static final String ADDRESS = "catalog.requests";

  static final String LIST_ITEMS = "list-items";
  static final String GET_ITEM = "get-item";
  static final String PUT_ITEM = "put-item";
  static final Set<String> ACTIONS = Set.of(LIST_ITEMS, GET_ITEM, PUT_ITEM);

  /** Ephemeral notice, published after an item changed: {@code {sku}}. May be lost: readers cache with a TTL. */
  static final String ITEM_CHANGED = "catalog.item-changed";
  static final Set<String> NOTICES = Set.of(ITEM_CHANGED);

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

  private CatalogContract() {
  }
}

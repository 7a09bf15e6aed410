package dev.orderflow.contractfixture;

import dev.orderflow.platform.messaging.EventTypes;

import java.util.Map;
import java.util.Set;

/** A consumer whose requirements nobody meets, for ContractTest to catch: an action, an event type, a notice, a value and a field. */
final class FixtureContract {

  static final Map<String, Set<String>> REQUIRED_ACTIONS = Map.of("orders", Set.of("get-order", "ship-order"));
  static final Map<String, EventTypes> REQUIRED_EVENTS = Map.of("orderflow.orders",
    EventTypes.handling("orderflow.orders.OrderPlaced.v2").ignoring("orderflow.orders.OrderConfirmed.v1"));
  static final Map<String, Set<String>> REQUIRED_FIELDS = Map.of(
    "orderflow.orders.OrderConfirmed.v1", Set.of("orderId", "lines[].sku", "lines[].warehouse", "shippedAt"));
  static final Set<String> REQUIRED_NOTICES = Set.of("catalog.item-renamed");
  static final Map<String, Map<String, Set<String>>> REQUIRED_VALUES = Map.of("orders", Map.of("CANCEL_REASONS", Set.of("TIMEOUT", "LOST_IN_TRANSIT")));

  private FixtureContract() {
  }
}

package dev.orderflow.inventory;

/** What inventory provides: service, address, actions, reservation states. */
final class InventoryContract {

  static final String SERVICE = "inventory";
  static final String ADDRESS = "inventory.requests";
  static final String RESERVE = "reserve";
  static final String RELEASE = "release";
  static final String GET_STOCK = "get-stock";

  static final String RESERVED = "RESERVED";
  static final String RELEASED = "RELEASED";

  private InventoryContract() {
  }
}

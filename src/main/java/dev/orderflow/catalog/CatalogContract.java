package dev.orderflow.catalog;

/** What the catalog provides: its service name, address and actions (see package-info). */
final class CatalogContract {

  static final String SERVICE = "catalog";
  static final String ADDRESS = "catalog.requests";

  static final String LIST_ITEMS = "list-items";
  static final String GET_ITEM = "get-item";
  static final String PUT_ITEM = "put-item";

  /** Ephemeral notice, published after an item changed: {@code {sku}}. May be lost: readers cache with a TTL. */
  static final String ITEM_CHANGED = "catalog.item-changed";

  private CatalogContract() {
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The gateway's view of the catalog contract: service name, actions, request shapes. */
final class CatalogCalls {

  static final String SERVICE = "catalog";
  static final String LIST_ITEMS = "list-items";
  static final String GET_ITEM = "get-item";
  static final String PUT_ITEM = "put-item";
  /** Published (not sent) by the catalog after an item changed: {@code {sku}}. May be lost. */
  static final String ITEM_CHANGED = "catalog.item-changed";

  private final ServiceClient services;

  CatalogCalls(ServiceClient services) {
    this.services = services;
  }

  Future<JsonObject> listItems(int limit, String after, String correlationId) {
    JsonObject request = new JsonObject().put("limit", limit);
    if (after != null) {
      request.put("after", after);
    }
    return services.request(SERVICE, LIST_ITEMS, request, correlationId);
  }

  Future<JsonObject> getItem(String sku, String correlationId) {
    return services.request(SERVICE, GET_ITEM, new JsonObject().put("sku", sku), correlationId);
  }

  Future<JsonObject> putItem(JsonObject item, String correlationId) {
    return services.request(SERVICE, PUT_ITEM, item, correlationId);
  }
}

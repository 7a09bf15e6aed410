package dev.orderflow.gateway;

import dev.orderflow.platform.bus.ServiceClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The gateway's view of the catalog contract: service name, actions, request shapes. */
final class CatalogCalls {

  static final String SERVICE = "catalog";
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
    return services.request(SERVICE, "list-items", request, correlationId);
  }

  Future<JsonObject> getItem(String sku, String correlationId) {
    return services.request(SERVICE, "get-item", new JsonObject().put("sku", sku), correlationId);
  }

  Future<JsonObject> putItem(JsonObject item, String correlationId) {
    return services.request(SERVICE, "put-item", item, correlationId);
  }
}

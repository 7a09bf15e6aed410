package dev.orderflow.catalog;

import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/** Answers the catalog's request-reply address; refusals are 400/404 failure codes. */
final class CatalogBusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogBusVerticle.class);
  private static final int MAX_PAGE = 100;

  private final CatalogStore store;

  CatalogBusVerticle(CatalogStore store) {
    this.store = store;
  }

  @Override
  public Future<?> start() {
    return BusEndpoint.serve(vertx, CatalogContract.ADDRESS, CatalogContract.ACTIONS, LOG, Map.of(
      CatalogContract.LIST_ITEMS, request -> listItems(request.body()),
      CatalogContract.GET_ITEM, request -> getItem(request.body()),
      CatalogContract.PUT_ITEM, request -> putItem(request.body())));
  }

  private Future<JsonObject> listItems(JsonObject request) {
    int limit = request.getInteger("limit", 20);
    if (limit < 1 || limit > MAX_PAGE) {
      return Future.failedFuture(new Refusal(400, "limit: must be between 1 and " + MAX_PAGE));
    }
    String after = request.getString("after", "");
    return store.page(after, limit + 1).map(items -> page(items, limit));
  }

  private static JsonObject page(List<Item> items, int limit) {
    List<Item> shown = items.subList(0, Math.min(limit, items.size()));
    JsonArray json = new JsonArray();
    shown.forEach(item -> json.add(item.toJson()));
    String next = items.size() > limit ? shown.get(shown.size() - 1).sku() : null;
    return new JsonObject().put("items", json).put("next", next);
  }

  private Future<JsonObject> getItem(JsonObject request) {
    String sku = request.getString("sku", "");
    return store.find(sku).compose(item -> item
      .map(found -> Future.succeededFuture(found.toJson()))
      .orElseGet(() -> Future.failedFuture(new Refusal(404, "no item with sku '" + sku + "'"))));
  }

  private Future<JsonObject> putItem(JsonObject request) {
    Item item = Item.fromJson(request);
    return store.put(item)
      .onSuccess(created -> vertx.eventBus().publish(CatalogContract.ITEM_CHANGED, new JsonObject().put("sku", item.sku())))
      .map(created -> new JsonObject().put("item", item.toJson()).put("created", created));
  }
}

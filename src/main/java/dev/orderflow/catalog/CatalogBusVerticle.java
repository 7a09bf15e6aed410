package dev.orderflow.catalog;

import dev.orderflow.platform.Correlation;
import dev.orderflow.platform.ServiceClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

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
    return vertx.eventBus().<JsonObject>consumer(CatalogContract.ADDRESS, this::handle).completion();
  }

  private void handle(Message<JsonObject> message) {
    String action = message.headers().get(ServiceClient.ACTION_HEADER);
    String correlationId = message.headers().get(Correlation.BUS_HEADER);
    JsonObject body = message.body() == null ? new JsonObject() : message.body();
    Future<JsonObject> reply = switch (action == null ? "" : action) {
      case CatalogContract.LIST_ITEMS -> listItems(body);
      case CatalogContract.GET_ITEM -> getItem(body);
      case CatalogContract.PUT_ITEM -> putItem(body);
      default -> Future.failedFuture(new Refusal(400, "action: unknown catalog action '" + action + "'"));
    };
    reply.onSuccess(result -> {
      LOG.info("{} ok correlationId={}", action, correlationId);
      message.reply(result);
    }).onFailure(failure -> {
      if (failure instanceof Refusal refusal) {
        LOG.info("{} refused {} '{}' correlationId={}", action, refusal.code, refusal.getMessage(), correlationId);
        message.fail(refusal.code, refusal.getMessage());
      } else {
        LOG.error("{} failed correlationId={}", action, correlationId, failure);
        message.fail(500, "catalog failure: " + failure.getMessage());
      }
    });
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
    Item item;
    try {
      item = Item.fromJson(request);
    } catch (Item.InvalidItem e) {
      return Future.failedFuture(new Refusal(400, e.getMessage()));
    }
    return store.put(item).map(created -> new JsonObject().put("item", item.toJson()).put("created", created));
  }

  /** A request the catalog turns down; {@code code} follows HTTP's meaning. */
  private static final class Refusal extends RuntimeException {
    private final int code;

    Refusal(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}

package dev.orderflow.inventory;

import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.core.Ids;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers the inventory's request-reply address. */
final class InventoryBusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(InventoryBusVerticle.class);

  private final InventoryStore store;
  private final int maxLines;

  InventoryBusVerticle(InventoryStore store, int maxLines) {
    this.store = store;
    this.maxLines = maxLines;
  }

  @Override
  public Future<?> start() {
    return BusEndpoint.serve(vertx, InventoryContract.ADDRESS, InventoryContract.ACTIONS, LOG, Map.of(
      InventoryContract.RESERVE, request -> store.reserve(Ids.required(request.body(), "orderId"), lines(request.body())),
      InventoryContract.RELEASE, request -> store.release(Ids.required(request.body(), "orderId")),
      InventoryContract.GET_STOCK, request -> getStock(request.body()),
      InventoryContract.SET_AVAILABLE, this::setAvailable));
  }

  private Future<JsonObject> getStock(JsonObject request) {
    String sku = request.getString("sku", "");
    return store.stock(sku).compose(stock -> stock
      .map(Future::succeededFuture)
      .orElseGet(() -> Future.failedFuture(new Refusal(404, "no stock is kept for sku '" + sku + "'"))));
  }

  /** Sets a sku's available stock and logs who changed it from what to what (the audit line). */
  private Future<JsonObject> setAvailable(BusEndpoint.Request request) {
    JsonObject body = request.body();
    String sku = body.getString("sku", "");
    if (!(body.getValue("available") instanceof Number value) || !(value instanceof Integer || value instanceof Long)
      || value.longValue() < 0 || value.longValue() > InventoryContract.MAX_AVAILABLE) {
      throw new Refusal(400, "available: must be a whole number from 0 to " + InventoryContract.MAX_AVAILABLE);
    }
    long available = value.longValue();
    String actor = body.getString("actor", "unknown");
    return store.setAvailable(sku, available).map(change -> {
      LOG.atInfo().addKeyValue(Correlation.LOG_FIELD, request.correlationId())
        .log("stock of {} set by {}: available {} -> {} (reserved {}) correlationId={}", sku, actor,
          change.before().getLong("available"), change.after().getLong("available"), change.after().getLong("reserved"), request.correlationId());
      return change.after();
    });
  }

  /** The lines, one per sku (quantities of a repeated sku add up), each quantity at least 1. */
  private List<InventoryStore.Line> lines(JsonObject request) {
    if (!(request.getValue("lines") instanceof JsonArray lines) || lines.isEmpty() || lines.size() > maxLines) {
      throw new Refusal(400, "lines: 1 to " + maxLines + " lines are required");
    }
    Map<String, Long> bySku = new LinkedHashMap<>();
    for (Object entry : lines) {
      if (!(entry instanceof JsonObject line) || !(line.getValue("sku") instanceof String sku)
        || !(line.getValue("quantity") instanceof Number quantity) || quantity.longValue() < 1) {
        throw new Refusal(400, "lines: each line needs a sku and a quantity of at least 1");
      }
      bySku.merge(sku, quantity.longValue(), Long::sum);
    }
    List<InventoryStore.Line> result = new ArrayList<>();
    bySku.forEach((sku, quantity) -> result.add(new InventoryStore.Line(sku, quantity)));
    return result;
  }
}

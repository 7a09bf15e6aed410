package dev.orderflow.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The demo catalog ({@code catalog/demo-items.json}), loaded into an empty catalog on first start. */
final class DemoCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCatalog.class);
  private static final String RESOURCE = "catalog/demo-items.json";

  private DemoCatalog() {
  }

  static Future<Void> seedIfEmpty(CatalogStore store) {
    return store.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      List<Item> items = load();
      return store.insertAbsent(items).onSuccess(done -> LOG.info("seeded the demo catalog with {} items", items.size()));
    });
  }

  static List<Item> load() {
    try (InputStream in = DemoCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      JsonObject demo = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      JsonArray entries = demo.getJsonArray("items");
      List<Item> items = new ArrayList<>(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        JsonObject entry = entries.getJsonObject(i);
        items.add(Item.fromJson(entry.copy().put("price",
          new JsonObject().put("amount", entry.getString("price")).put("currency", demo.getString("currency")))));
      }
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.orderflow.catalog;

import dev.orderflow.platform.sql.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog's items table: reads on the database's readers, writes through the group-commit writer. */
final class CatalogStore {

  private final Database database;

  CatalogStore(Database database) {
    this.database = database;
  }

  Future<List<Item>> page(String after, int limit) {
    return database.read(reads -> reads.query(CatalogSql.PAGE, Map.of("after", after, "limit", limit)).stream()
      .map(CatalogStore::toItem).toList());
  }

  Future<Optional<Item>> find(String sku) {
    return database.read(reads -> reads.queryFirst(CatalogSql.FIND, Map.of("sku", sku)).map(CatalogStore::toItem));
  }

  Future<Long> count() {
    return database.read(reads -> reads.query(CatalogSql.COUNT).get(0).getLong("total"));
  }

  /** Creates or replaces an item; true when it was created. */
  Future<Boolean> put(Item item) {
    return database.write(tx -> {
      boolean existed = tx.queryFirst(CatalogSql.EXISTS, Map.of("sku", item.sku())).isPresent();
      tx.update(CatalogSql.UPSERT, parameters(item));
      return !existed;
    });
  }

  Future<Void> insertAbsent(List<Item> items) {
    return database.write(tx -> {
      for (Item item : items) {
        tx.update(CatalogSql.INSERT_IF_ABSENT, parameters(item));
      }
      return null;
    });
  }

  private static Map<String, Object> parameters(Item item) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("sku", item.sku());
    parameters.put("name", item.name());
    parameters.put("description", item.description());
    parameters.put("priceMinor", item.priceMinor());
    parameters.put("currency", item.currency().getCurrencyCode());
    parameters.put("updatedAt", System.currentTimeMillis());
    return parameters;
  }

  private static Item toItem(JsonObject row) {
    return Item.fromRow(row.getString("sku"), row.getString("name"), row.getString("description"),
      row.getLong("price_minor"), row.getString("currency"));
  }
}

package dev.orderflow.catalog;

import dev.orderflow.platform.sql.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The catalog's items table: reads from the read pool, writes through the group-commit writer. */
final class CatalogStore {

  private final Database database;

  CatalogStore(Database database) {
    this.database = database;
  }

  Future<List<Item>> page(String after, int limit) {
    return database.read(pool -> SqlTemplate.forQuery(pool, CatalogSql.PAGE)
      .execute(Map.of("after", after, "limit", limit)))
      .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(CatalogStore::toItem).toList());
  }

  Future<Optional<Item>> find(String sku) {
    return database.read(pool -> SqlTemplate.forQuery(pool, CatalogSql.FIND)
      .execute(Map.of("sku", sku)))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toItem(rows.iterator().next())));
  }

  Future<Long> count() {
    return database.read(pool -> pool.query(CatalogSql.COUNT).execute())
      .map(rows -> rows.iterator().next().getLong("total"));
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

  private static Item toItem(Row row) {
    return Item.fromRow(row.getString("sku"), row.getString("name"), row.getString("description"),
      row.getLong("price_minor"), row.getString("currency"));
  }
}

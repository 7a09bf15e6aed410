package dev.orderflow.analytics;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.messaging.Inbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import dev.orderflow.platform.sql.Transaction;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;

/** Confirmed orders and revenue per minute of event time, and the top-selling skus. */
final class OrderFigures {

  private static final String COUNT_ORDER = """
    INSERT INTO orders_per_minute (minute_start, currency, orders, revenue_minor) VALUES (#{minute}, #{currency}, 1, #{revenue})
    ON CONFLICT (minute_start, currency) DO UPDATE SET orders = orders_per_minute.orders + 1,
      revenue_minor = orders_per_minute.revenue_minor + excluded.revenue_minor""";
  private static final String COUNT_SKU = """
    INSERT INTO sku_sales (sku, quantity) VALUES (#{sku}, #{quantity})
    ON CONFLICT (sku) DO UPDATE SET quantity = sku_sales.quantity + excluded.quantity""";
  private static final String PER_MINUTE = "SELECT minute_start, currency, orders, revenue_minor FROM orders_per_minute ORDER BY minute_start, currency";
  private static final String TOP_SKUS = "SELECT sku, quantity FROM sku_sales ORDER BY quantity DESC, sku LIMIT #{limit}";
  private static final int TOP = 10;

  private final Database database;

  OrderFigures(Database database) {
    this.database = database;
  }

  Database database() {
    return database;
  }

  /** Counts a confirmed order, its revenue and units. */
  static void countConfirmed(Transaction tx, ConfirmedOrder confirmed) throws SQLException {
    tx.update(COUNT_ORDER, Map.of("minute", confirmed.minuteStart(), "currency", confirmed.currency().getCurrencyCode(),
      "revenue", confirmed.revenueMinor()));
    for (ConfirmedOrder.SkuQuantity line : confirmed.lines()) {
      tx.update(COUNT_SKU, Map.of("sku", line.sku(), "quantity", line.quantity()));
    }
  }

  /** Forgets the figures and what the group applied, so that a replay from the start rebuilds them. */
  Future<Void> clear(String group) {
    return database.write(tx -> {
      tx.update("DELETE FROM orders_per_minute");
      tx.update("DELETE FROM sku_sales");
      Inbox.forget(tx, group);
      return null;
    });
  }

  Future<JsonObject> figures() {
    return database.read(reads -> reads.query(PER_MINUTE)).compose(minutes -> {
      JsonArray perMinute = new JsonArray();
      minutes.forEach(row -> {
        Currency currency = Currency.getInstance(row.getString("currency"));
        perMinute.add(new JsonObject().put("minute", Instant.ofEpochMilli(row.getLong("minute_start")).toString())
          .put("orders", row.getLong("orders"))
          .put("revenue", new JsonObject().put("amount",
              BigDecimal.valueOf(row.getLong("revenue_minor"), currency.getDefaultFractionDigits()).toPlainString())
            .put("currency", currency.getCurrencyCode())));
      });
      return database.read(reads -> reads.query(TOP_SKUS, Map.of("limit", TOP))).map(skus -> {
        JsonArray top = new JsonArray();
        skus.forEach(row -> top.add(new JsonObject().put("sku", row.getString("sku")).put("quantity", row.getLong("quantity"))));
        return new JsonObject().put("perMinute", perMinute).put("topSkus", top);
      });
    });
  }
}

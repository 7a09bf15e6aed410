package dev.orderflow.inventory;

import dev.orderflow.platform.sql.Claims;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stock and reservations; every order action is one transaction of the group-commit writer. */
final class InventoryStore {

  private static final String STOCK = "SELECT sku, available, reserved FROM stock WHERE sku = #{sku}";
  private static final String SET_AVAILABLE = "UPDATE stock SET available = #{available} WHERE sku = #{sku}";
  private static final String COUNT = "SELECT COUNT(*) AS n FROM stock";
  private static final String SEED = "INSERT INTO stock (sku, available, reserved) VALUES (#{sku}, #{quantity}, 0) ON CONFLICT (sku) DO NOTHING";
  private static final String RESERVATIONS = "SELECT sku, quantity, state FROM reservations WHERE order_id = #{orderId} ORDER BY sku";
  private static final String TAKE = "UPDATE stock SET available = available - #{quantity}, reserved = reserved + #{quantity} WHERE sku = #{sku}";
  private static final String GIVE_BACK = "UPDATE stock SET available = available + #{quantity}, reserved = reserved - #{quantity} WHERE sku = #{sku}";
  private static final String RECORD = """
    INSERT INTO reservations (order_id, sku, quantity, state, updated_at) VALUES (#{orderId}, #{sku}, #{quantity}, #{state}, #{now})""";
  private static final String CLAIM_RESERVE = """
    INSERT INTO reservation_claims (order_id, claim, claimed_at) VALUES (#{orderId}, 'reserve', #{now}) ON CONFLICT (order_id) DO NOTHING""";
  private static final String CLAIM_RELEASE = """
    INSERT INTO reservation_claims (order_id, claim, claimed_at) VALUES (#{orderId}, 'release', #{now})
    ON CONFLICT (order_id) DO UPDATE SET claim = 'release', claimed_at = #{now}""";
  private static final String CLAIMED = "SELECT claim FROM reservation_claims WHERE order_id = #{orderId}";
  private static final String RELEASE = "release";
  private static final String MARK = "UPDATE reservations SET state = #{state}, updated_at = #{now} WHERE order_id = #{orderId}";

  private final Database database;

  InventoryStore(Database database) {
    this.database = database;
  }

  /**
   * Reserves every line or none; a second call for the same order answers the first one's result,
   * and a call after the order was released (with nothing reserved) is refused.
   */
  Future<JsonObject> reserve(String orderId, List<Line> lines) {
    return database.write(connection -> Claims.claim(connection, CLAIM_RESERVE, CLAIMED, orderId)
      .compose(claim -> reservations(connection, orderId).compose(existing -> {
        if (!existing.isEmpty()) {
          return Future.succeededFuture(answer(orderId, existing));
        }
        if (RELEASE.equals(claim)) {
          return Future.failedFuture(new Refusal(409, "order " + orderId + " was released before it reserved anything"));
        }
        return checkAll(connection, lines, 0)
          .compose(available -> takeAll(connection, orderId, lines, 0))
          .compose(taken -> reservations(connection, orderId))
          .map(reserved -> answer(orderId, reserved));
      })));
  }

  /**
   * Gives reserved stock back; releasing twice changes nothing, and releasing an order that
   * reserved nothing keeps it from reserving later.
   */
  Future<JsonObject> release(String orderId) {
    return database.write(connection -> Claims.claim(connection, CLAIM_RELEASE, CLAIMED, orderId)
      .compose(claimed -> giveBack(connection, orderId)));
  }

  Future<Optional<JsonObject>> stock(String sku) {
    return database.read(pool -> SqlTemplate.forQuery(pool, STOCK).execute(Map.of("sku", sku)))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toStock(rows.iterator().next())));
  }

  /**
   * Sets the sku's available stock (reserved stays), in one write; answers the stock before and
   * after, or refuses 404 for a sku inventory does not hold.
   */
  Future<StockChange> setAvailable(String sku, long available) {
    return database.write(connection -> SqlTemplate.forQuery(connection, STOCK).execute(Map.of("sku", sku)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new Refusal(404, "no stock is kept for sku '" + sku + "'"));
      }
      JsonObject before = toStock(rows.iterator().next());
      return SqlTemplate.forUpdate(connection, SET_AVAILABLE).execute(Map.of("sku", sku, "available", available))
        .map(updated -> new StockChange(before, before.copy().put("available", available)));
    }));
  }

  Future<Long> count() {
    return database.read(pool -> pool.query(COUNT).execute()).map(rows -> rows.iterator().next().getLong("n"));
  }

  Future<Void> seed(Map<String, Long> quantities) {
    return database.write(connection -> {
      Future<Void> all = Future.succeededFuture();
      for (Map.Entry<String, Long> entry : quantities.entrySet()) {
        all = all.compose(previous -> SqlTemplate.forUpdate(connection, SEED)
          .execute(Map.of("sku", entry.getKey(), "quantity", entry.getValue())).mapEmpty());
      }
      return all;
    });
  }

  private static Future<JsonObject> giveBack(SqlConnection connection, String orderId) {
    return reservations(connection, orderId).compose(existing -> {
      boolean reserved = !existing.isEmpty() && InventoryContract.RESERVED.equals(existing.get(0).getString("state"));
      if (!reserved) {
        return Future.succeededFuture(answer(orderId, existing));
      }
      Future<Void> changed = Future.succeededFuture();
      for (JsonObject line : existing) {
        changed = changed.compose(previous -> SqlTemplate.forUpdate(connection, GIVE_BACK)
          .execute(Map.of("sku", line.getString("sku"), "quantity", line.getLong("quantity"))).mapEmpty());
      }
      return changed
        .compose(done -> SqlTemplate.forUpdate(connection, MARK)
          .execute(Map.of("state", InventoryContract.RELEASED, "now", System.currentTimeMillis(), "orderId", orderId)))
        .compose(marked -> reservations(connection, orderId))
        .map(settled -> answer(orderId, settled));
    });
  }

  private static Future<Void> checkAll(SqlConnection connection, List<Line> lines, int index) {
    if (index == lines.size()) {
      return Future.succeededFuture();
    }
    Line line = lines.get(index);
    return SqlTemplate.forQuery(connection, STOCK).execute(Map.of("sku", line.sku())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new Refusal(404, "lines: no stock is kept for sku '" + line.sku() + "'"));
      }
      long available = rows.iterator().next().getLong("available");
      return available < line.quantity()
        ? Future.failedFuture(new Refusal(409, "OUT_OF_STOCK: " + line.sku() + " has " + available + ", " + line.quantity() + " asked"))
        : checkAll(connection, lines, index + 1);
    });
  }

  private static Future<Void> takeAll(SqlConnection connection, String orderId, List<Line> lines, int index) {
    if (index == lines.size()) {
      return Future.succeededFuture();
    }
    Line line = lines.get(index);
    Map<String, Object> row = new HashMap<>();
    row.put("orderId", orderId);
    row.put("sku", line.sku());
    row.put("quantity", line.quantity());
    row.put("state", InventoryContract.RESERVED);
    row.put("now", System.currentTimeMillis());
    return SqlTemplate.forUpdate(connection, TAKE).execute(row)
      .compose(taken -> SqlTemplate.forUpdate(connection, RECORD).execute(row))
      .compose(recorded -> takeAll(connection, orderId, lines, index + 1));
  }

  private static Future<List<JsonObject>> reservations(SqlConnection connection, String orderId) {
    return SqlTemplate.forQuery(connection, RESERVATIONS).execute(Map.of("orderId", orderId)).map(rows -> {
      List<JsonObject> lines = new ArrayList<>();
      rows.forEach(row -> lines.add(new JsonObject().put("sku", row.getString("sku"))
        .put("quantity", row.getLong("quantity")).put("state", row.getString("state"))));
      return lines;
    });
  }

  private static JsonObject answer(String orderId, List<JsonObject> lines) {
    return new JsonObject().put("orderId", orderId)
      .put("state", lines.isEmpty() ? "NONE" : lines.get(0).getString("state"))
      .put("lines", lines.stream().map(line -> new JsonObject().put("sku", line.getString("sku"))
        .put("quantity", line.getLong("quantity"))).toList());
  }

  private static JsonObject toStock(Row row) {
    return new JsonObject().put("sku", row.getString("sku")).put("available", row.getLong("available")).put("reserved", row.getLong("reserved"));
  }

  /** A sku's stock before and after an operator set it. */
  record StockChange(JsonObject before, JsonObject after) {
  }

  /** One line of an order: a sku and how many. */
  record Line(String sku, long quantity) {
  }
}

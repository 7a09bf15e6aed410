package dev.orderflow.inventory;

import dev.orderflow.platform.sql.Claims;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Transaction;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.sql.SQLException;
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
    return database.write(tx -> {
      String claim = Claims.claim(tx, CLAIM_RESERVE, CLAIMED, orderId);
      List<JsonObject> existing = reservations(tx, orderId);
      if (!existing.isEmpty()) {
        return answer(orderId, existing);
      }
      if (RELEASE.equals(claim)) {
        throw new Refusal(409, "order " + orderId + " was released before it reserved anything");
      }
      checkAll(tx, lines);
      takeAll(tx, orderId, lines);
      return answer(orderId, reservations(tx, orderId));
    });
  }

  /**
   * Gives reserved stock back; releasing twice changes nothing, and releasing an order that
   * reserved nothing keeps it from reserving later.
   */
  Future<JsonObject> release(String orderId) {
    return database.write(tx -> {
      Claims.claim(tx, CLAIM_RELEASE, CLAIMED, orderId);
      return giveBack(tx, orderId);
    });
  }

  Future<Optional<JsonObject>> stock(String sku) {
    return database.read(reads -> reads.queryFirst(STOCK, Map.of("sku", sku)).map(InventoryStore::toStock));
  }

  /**
   * Sets the sku's available stock (reserved stays), in one write; answers the stock before and
   * after, or refuses 404 for a sku inventory does not hold.
   */
  Future<StockChange> setAvailable(String sku, long available) {
    return database.write(tx -> {
      JsonObject stock = tx.queryFirst(STOCK, Map.of("sku", sku))
        .orElseThrow(() -> new Refusal(404, "no stock is kept for sku '" + sku + "'"));
      JsonObject before = new JsonObject().put("sku", sku).put("available", stock.getLong("available")).put("reserved", stock.getLong("reserved"));
      tx.update(SET_AVAILABLE, Map.of("sku", sku, "available", available));
      return new StockChange(before, before.copy().put("available", available));
    });
  }

  Future<Long> count() {
    return database.read(reads -> reads.query(COUNT).get(0).getLong("n"));
  }

  Future<Void> seed(Map<String, Long> quantities) {
    return database.write(tx -> {
      for (Map.Entry<String, Long> entry : quantities.entrySet()) {
        tx.update(SEED, Map.of("sku", entry.getKey(), "quantity", entry.getValue()));
      }
      return null;
    });
  }

  private static JsonObject giveBack(Transaction tx, String orderId) throws SQLException {
    List<JsonObject> existing = reservations(tx, orderId);
    boolean reserved = !existing.isEmpty() && InventoryContract.RESERVED.equals(existing.get(0).getString("state"));
    if (!reserved) {
      return answer(orderId, existing);
    }
    for (JsonObject line : existing) {
      tx.update(GIVE_BACK, Map.of("sku", line.getString("sku"), "quantity", line.getLong("quantity")));
    }
    tx.update(MARK, Map.of("state", InventoryContract.RELEASED, "now", System.currentTimeMillis(), "orderId", orderId));
    return answer(orderId, reservations(tx, orderId));
  }

  private static void checkAll(Transaction tx, List<Line> lines) throws SQLException {
    for (Line line : lines) {
      JsonObject stock = tx.queryFirst(STOCK, Map.of("sku", line.sku()))
        .orElseThrow(() -> new Refusal(404, "lines: no stock is kept for sku '" + line.sku() + "'"));
      long available = stock.getLong("available");
      if (available < line.quantity()) {
        throw new Refusal(409, "OUT_OF_STOCK: " + line.sku() + " has " + available + ", " + line.quantity() + " asked");
      }
    }
  }

  private static void takeAll(Transaction tx, String orderId, List<Line> lines) throws SQLException {
    for (Line line : lines) {
      Map<String, Object> row = new HashMap<>();
      row.put("orderId", orderId);
      row.put("sku", line.sku());
      row.put("quantity", line.quantity());
      row.put("state", InventoryContract.RESERVED);
      row.put("now", System.currentTimeMillis());
      tx.update(TAKE, row);
      tx.update(RECORD, row);
    }
  }

  private static List<JsonObject> reservations(Transaction tx, String orderId) throws SQLException {
    List<JsonObject> lines = new ArrayList<>();
    for (JsonObject row : tx.query(RESERVATIONS, Map.of("orderId", orderId))) {
      lines.add(new JsonObject().put("sku", row.getString("sku")).put("quantity", row.getLong("quantity")).put("state", row.getString("state")));
    }
    return lines;
  }

  private static JsonObject answer(String orderId, List<JsonObject> lines) {
    return new JsonObject().put("orderId", orderId)
      .put("state", lines.isEmpty() ? "NONE" : lines.get(0).getString("state"))
      .put("lines", lines.stream().map(line -> new JsonObject().put("sku", line.getString("sku"))
        .put("quantity", line.getLong("quantity"))).toList());
  }

  private static JsonObject toStock(JsonObject row) {
    return new JsonObject().put("sku", row.getString("sku")).put("available", row.getLong("available")).put("reserved", row.getLong("reserved"));
  }

  /** A sku's stock before and after an operator set it. */
  record StockChange(JsonObject before, JsonObject after) {
  }

  /** One line of an order: a sku and how many. */
  record Line(String sku, long quantity) {
  }
}

package dev.orderflow.notifications;

import dev.orderflow.platform.core.NewIds;
import dev.orderflow.platform.sql.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import dev.orderflow.platform.sql.Transaction;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The notifications table: at most one message of each kind per customer. */
final class NotificationsStore {

  static final String WELCOME = "WELCOME";

  private static final String INSERT = """
    INSERT INTO notifications (id, customer_id, kind, message, event_id, created_at)
    VALUES (#{id}, #{customerId}, #{kind}, #{message}, #{eventId}, #{createdAt})
    ON CONFLICT (customer_id, kind) DO NOTHING""";
  private static final String INSERT_FOR_ORDER = """
    INSERT INTO order_notifications (id, customer_id, order_id, kind, message, event_id, created_at)
    VALUES (#{id}, #{customerId}, #{orderId}, #{kind}, #{message}, #{eventId}, #{createdAt})
    ON CONFLICT (order_id, kind) DO NOTHING""";
  private static final String LIST = """
    SELECT id, customer_id, kind, message, event_id, created_at FROM notifications WHERE customer_id = #{customerId}
    UNION ALL
    SELECT id, customer_id, kind, message, event_id, created_at FROM order_notifications WHERE customer_id = #{customerId}
    ORDER BY created_at, id""";

  private final Database database;

  NotificationsStore(Database database) {
    this.database = database;
  }

  Database database() {
    return database;
  }

  static void recordWelcome(Transaction tx, String customerId, String name, String eventId) throws SQLException {
    Map<String, Object> row = new HashMap<>();
    row.put("id", NewIds.next());
    row.put("customerId", customerId);
    row.put("kind", WELCOME);
    row.put("message", "Welcome to Orderflow, " + name + "!");
    row.put("eventId", eventId);
    row.put("createdAt", System.currentTimeMillis());
    tx.update(INSERT, row);
  }

  /** Records a message about an order, at most one of each kind per order. */
  static void recordForOrder(Transaction tx, String customerId, String orderId, String kind, String message,
                             String eventId) throws SQLException {
    Map<String, Object> row = new HashMap<>();
    row.put("id", NewIds.next());
    row.put("customerId", customerId);
    row.put("orderId", orderId);
    row.put("kind", kind);
    row.put("message", message);
    row.put("eventId", eventId);
    row.put("createdAt", System.currentTimeMillis());
    tx.update(INSERT_FOR_ORDER, row);
  }

  Future<JsonArray> list(String customerId) {
    return database.read(reads -> reads.query(LIST, Map.of("customerId", customerId))).map(rows -> {
      JsonArray notifications = new JsonArray();
      rows.forEach(row -> notifications.add(new JsonObject()
        .put("id", row.getString("id"))
        .put("customerId", row.getString("customer_id"))
        .put("kind", row.getString("kind"))
        .put("message", row.getString("message"))
        .put("eventId", row.getString("event_id"))
        .put("createdAt", Instant.ofEpochMilli(row.getLong("created_at")).toString())));
      return notifications;
    });
  }
}

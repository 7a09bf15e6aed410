package dev.orderflow.analytics;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Transaction;
import dev.orderflow.platform.messaging.Inbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/** Registrations per minute of event time. */
final class AnalyticsStore {

  private static final String COUNT = """
    INSERT INTO registrations_per_minute (minute_start, registrations) VALUES (#{minute}, 1)
    ON CONFLICT (minute_start) DO UPDATE SET registrations = registrations_per_minute.registrations + 1""";
  private static final String LIST = "SELECT minute_start, registrations FROM registrations_per_minute ORDER BY minute_start";
  private static final String CLEAR = "DELETE FROM registrations_per_minute";

  private final Database database;

  AnalyticsStore(Database database) {
    this.database = database;
  }

  Database database() {
    return database;
  }

  static void countRegistration(Transaction tx, Instant at) throws SQLException {
    long minute = at.toEpochMilli() / 60_000 * 60_000;
    tx.update(COUNT, Map.of("minute", minute));
  }

  /** Forgets the figures and what the group applied, so that a replay from the start rebuilds them. */
  Future<Void> clear(String group) {
    return database.write(tx -> {
      tx.update(CLEAR);
      Inbox.forget(tx, group);
      return null;
    });
  }

  Future<JsonObject> registrations() {
    return database.read(reads -> reads.query(LIST)).map(rows -> {
      JsonArray perMinute = new JsonArray();
      long total = 0;
      for (var row : rows) {
        long count = row.getLong("registrations");
        total += count;
        perMinute.add(new JsonObject()
          .put("minute", Instant.ofEpochMilli(row.getLong("minute_start")).toString())
          .put("registrations", count));
      }
      return new JsonObject().put("total", total).put("perMinute", perMinute);
    });
  }
}

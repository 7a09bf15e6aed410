package dev.orderflow.support;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Transaction;
import io.vertx.core.json.JsonArray;

import java.sql.SQLException;
import java.util.Map;

/**
 * The test database {@code poisontest} (its one table {@code effects}, src/test/resources/db) of a
 * test consumer group: what the group applied, keyed by the event's subject, and what it parked.
 */
public final class EffectsTable {

  private final Database database;
  private final Http http;
  private final String group;

  private EffectsTable(Database database, Http http, String group) {
    this.database = database;
    this.http = http;
    this.group = group;
  }

  public static EffectsTable open(TestInstance orderflow, String group) {
    return new EffectsTable(orderflow.instance().platform().databases().open("poisontest").await(), orderflow.http(), group);
  }

  public Database database() {
    return database;
  }

  /** Records the effect of the event about {@code subject}, in {@code tx}. */
  public static void record(Transaction tx, String subject) throws SQLException {
    tx.update("INSERT INTO effects (event_id, applied_at) VALUES (#{subject}, #{now})", Map.of("subject", subject, "now", System.currentTimeMillis()));
  }

  /** How many times the effect of the event about {@code subject} was applied. */
  public long applied(String subject) {
    return database.read(reads -> reads.query("SELECT COUNT(*) AS n FROM effects WHERE event_id = #{id}", Map.of("id", subject)).get(0).getLong("n"))
      .await();
  }

  public JsonArray deadLetters() {
    return http.get("/admin/dead-letters/" + group).json().getJsonArray("deadLetters");
  }

  public void close() {
    database.close().await();
  }
}

package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Transaction;
import io.vertx.core.Future;

import java.sql.SQLException;
import java.util.Map;

/**
 * Idempotent consumption: an event's effect and its inbox row commit in one transaction, so a
 * redelivered event (at-least-once delivery) finds its row and has no second effect.
 */
public final class Inbox {

  private static final String RECORD = """
    INSERT INTO inbox (consumer_group, event_id, processed_at) VALUES (#{group}, #{eventId}, #{now})
    ON CONFLICT (consumer_group, event_id) DO NOTHING""";
  private static final String FORGET_GROUP = "DELETE FROM inbox WHERE consumer_group = #{group}";

  private Inbox() {
  }

  /** An event's effect on the module's tables, run on the writer thread in the inbox row's transaction. */
  @FunctionalInterface
  public interface Effect {
    void apply(Transaction tx) throws SQLException;
  }

  /** Applies {@code effect} in the database's next group transaction unless the group already applied the event. */
  public static Future<Boolean> applyOnce(Database database, String group, Event event, Effect effect) {
    return database.write(tx -> applyOnce(tx, group, event, effect));
  }

  /** Applies {@code effect} in {@code tx} unless the group already applied the event; whether it applied it now. */
  static boolean applyOnce(Transaction tx, String group, Event event, Effect effect) throws SQLException {
    boolean first = tx.update(RECORD, Map.of("group", group, "eventId", event.id(), "now", System.currentTimeMillis())) == 1;
    if (first) {
      effect.apply(tx);
    }
    return first;
  }

  /** Forgets what a group applied, before a replay rebuilds its effects from the beginning. */
  public static void forget(Transaction tx, String group) throws SQLException {
    tx.update(FORGET_GROUP, Map.of("group", group));
  }
}

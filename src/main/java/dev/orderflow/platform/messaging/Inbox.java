package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.Map;
import java.util.function.Function;

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

  /** Applies {@code effect} in the database's next group transaction unless the group already applied the event. */
  public static Future<Boolean> applyOnce(Database database, String group, Event event, Function<SqlConnection, Future<Void>> effect) {
    return database.write(connection -> SqlTemplate.forUpdate(connection, RECORD)
      .execute(Map.of("group", group, "eventId", event.id(), "now", System.currentTimeMillis()))
      .compose(recorded -> recorded.rowCount() == 1
        ? effect.apply(connection).map(true)
        : Future.succeededFuture(false)));
  }

  /** Forgets what a group applied, before a replay rebuilds its effects from the beginning. */
  public static Future<Void> forget(SqlConnection connection, String group) {
    return SqlTemplate.forUpdate(connection, FORGET_GROUP).execute(Map.of("group", group)).mapEmpty();
  }
}

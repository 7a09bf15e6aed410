package dev.orderflow.platform.messaging;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.HashMap;
import java.util.Map;

/** Writes an event to the module's outbox inside the transaction of the state change it announces. */
public final class Outbox {

  private static final String APPEND = """
    INSERT INTO outbox (event_id, topic, event_key, attributes, payload, created_at)
    VALUES (#{eventId}, #{topic}, #{key}, #{attributes}, #{payload}, #{now})""";

  private Outbox() {
  }

  public static Future<Void> append(SqlConnection connection, String topic, Event event) {
    Map<String, Object> row = new HashMap<>();
    row.put("eventId", event.id());
    row.put("topic", topic);
    row.put("key", event.subject());
    row.put("attributes", event.attributes().encode());
    row.put("payload", event.data().encode());
    row.put("now", System.currentTimeMillis());
    return SqlTemplate.forUpdate(connection, APPEND).execute(row).mapEmpty();
  }
}

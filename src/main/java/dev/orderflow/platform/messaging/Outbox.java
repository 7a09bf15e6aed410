package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Transaction;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Writes an event to the module's outbox inside the transaction of the state change it announces. */
public final class Outbox {

  private static final String APPEND = """
    INSERT INTO outbox (event_id, topic, event_key, attributes, payload, created_at)
    VALUES (#{eventId}, #{topic}, #{key}, #{attributes}, #{payload}, #{now})""";

  private Outbox() {
  }

  public static void append(Transaction tx, String topic, Event event) throws SQLException {
    Map<String, Object> row = new HashMap<>();
    row.put("eventId", event.id());
    row.put("topic", topic);
    row.put("key", event.subject());
    row.put("attributes", event.attributes().encode());
    row.put("payload", event.data().encode());
    row.put("now", System.currentTimeMillis());
    tx.update(APPEND, row);
  }
}

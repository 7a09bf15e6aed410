package dev.orderflow.platform.messaging;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * An unpublished outbox row as the relay hands it to Kafka: its seq, to mark it once Kafka has it,
 * its topic as the module named it, for the metrics, and the record to produce. Built on the reader
 * thread straight from the result set: a JSON object per row, taken apart again on the event loop,
 * was a fifth of the relay's work there.
 */
record OutboxRecord(long seq, String topic, ProducerRecord<String, String> record) {

  /**
   * The row the result set stands on, read from the relay's query; throws when its attributes are not a
   * JSON object. The attributes are read as the bytes of their text (UTF-8 in SQLite, and in PostgreSQL as
   * its JDBC driver always sets the client encoding), which the JSON parser reads without a String between.
   */
  static OutboxRecord read(ResultSet row, MessagingOptions options) throws SQLException {
    String topic = row.getString("topic");
    return new OutboxRecord(row.getLong("seq"), topic, new ProducerRecord<>(options.inNamespace(topic), null,
      row.getString("event_key"), row.getString("payload"), Event.headers(row.getBytes("attributes"))));
  }
}

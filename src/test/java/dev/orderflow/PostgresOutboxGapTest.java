package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.RunningOrderflow;
import dev.orderflow.support.SharedKafka;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Outbox relay on PostgreSQL: a row that takes its seq first and commits last is still sent")
class PostgresOutboxGapTest {

  private static final Duration DELIVERY = Duration.ofSeconds(30);
  private static final int ROUNDS = 40;

  @RegisterExtension
  static final RunningOrderflow orderflow = RunningOrderflow.onPostgres("ORDERFLOW_MODULES", "gateway,customers");

  @Test
  @DisplayName("transaction A takes a seq and stays open, B commits a higher seq and wakes the relay, A commits while the relay works: A's event reaches Kafka too, every time")
  void lowerSeqCommittedLaterIsRelayed() throws Exception {
    String topic = orderflow.topic("orderflow.customers");
    Set<String> late = new HashSet<>();
    try (Connection connection = Postgres.connect(orderflow.schemaPrefix() + "customers")) {
      connection.setAutoCommit(false);
      for (int round = 0; round < ROUNDS; round++) {
        String lateEventId = "late-" + UUID.randomUUID();
        late.add(lateEventId);
        appendOpen(connection, lateEventId);
        // the registration commits a higher seq and wakes the relay, which selects it while A is still open
        assertThat(orderflow.http().post("/api/v1/customers", "application/json",
          new JsonObject().put("email", "gap-" + UUID.randomUUID() + "@example.com").put("name", "Gap").encode()).status())
          .isEqualTo(201);
        connection.commit();
      }
    }
    Await.until("every row that committed after a higher seq is relayed", DELIVERY, () -> Kafka.eventIds(SharedKafka.bootstrapServers(), topic).containsAll(late));
  }

  private static void appendOpen(Connection connection, String eventId) throws Exception {
    try (PreparedStatement append = connection.prepareStatement("""
      INSERT INTO outbox (event_id, topic, event_key, attributes, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)""")) {
      append.setString(1, eventId);
      append.setString(2, "orderflow.customers");
      append.setString(3, "late-key");
      append.setString(4, new JsonObject().put("id", eventId).put("type", "orderflow.customers.Probe.v1")
        .put("source", "/test").put("specversion", "1.0").encode());
      append.setString(5, new JsonObject().put("probe", true).encode());
      append.setLong(6, System.currentTimeMillis());
      append.executeUpdate();
    }
  }
}

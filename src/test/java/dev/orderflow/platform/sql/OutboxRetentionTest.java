package dev.orderflow.platform.sql;

import dev.orderflow.support.Postgres;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Outbox retention on SQLite (watermark) and PostgreSQL (marked rows): only rows on Kafka go, oldest first")
class OutboxRetentionTest {

  private static final long HOUR_MS = 3_600_000L;
  private static final String APPEND = """
    INSERT INTO outbox (event_id, topic, event_key, attributes, payload, created_at) VALUES (#{id}, 't', 'k', '{}', '{}', #{createdAt})""";

  private final Vertx vertx = Vertx.vertx();
  private final String schemaPrefix = Postgres.uniqueSchemaPrefix();
  private Database database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close().await();
    }
    vertx.close().await();
    Postgres.dropSchemas(schemaPrefix);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("four rows past the 168 h retention and one young: the three published go, the old one still waiting stays until it is published")
  void prunesPublishedRowsOnly(String vendor) {
    database = open(vendor);
    long now = System.currentTimeMillis();
    for (int i = 0; i < 5; i++) {
      long createdAt = i < 4 ? now - 200 * HOUR_MS : now;
      String id = "e-" + i;
      database.write(tx -> tx.update(APPEND, Map.of("id", id, "createdAt", createdAt))).await();
    }
    List<Long> seqs = seqs();

    publishThrough(vendor, seqs.get(2));
    assertThat(database.retention().runOnce().await()).isEqualTo(3);
    assertThat(seqs()).as("the old row not yet on Kafka and the young one stay").containsExactly(seqs.get(3), seqs.get(4));

    publishThrough(vendor, seqs.get(4));
    assertThat(database.retention().runOnce().await()).isEqualTo(1);
    assertThat(seqs()).as("the young row stays though published").containsExactly(seqs.get(4));
  }

  /** What the relay records once Kafka acknowledged every row up to {@code seq}: SQLite's watermark, PostgreSQL's marks. */
  private void publishThrough(String vendor, long seq) {
    String marking = vendor.equals("sqlite")
      ? "UPDATE outbox_watermark SET published_through = #{seq}"
      : "UPDATE outbox SET published_at = created_at WHERE seq <= #{seq} AND published_at IS NULL";
    database.write(tx -> tx.update(marking, Map.of("seq", seq))).await();
  }

  private List<Long> seqs() {
    return database.read(reads -> reads.query("SELECT seq FROM outbox ORDER BY seq").stream().map(row -> row.getLong("seq")).toList())
      .await();
  }

  private Database open(String vendor) {
    return TestDatabases.open(vertx, vendor, schemaPrefix, "retention").await();
  }
}

package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.support.Await;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("SQLite outbox watermark: an upgraded outbox keeps what was published, and a restarted relay sends nothing twice")
class OutboxWatermarkTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String MODULE = "watermark";

  private final Vertx vertx = Vertx.vertx();
  private final String topic = "watermark-" + UUID.randomUUID();
  private final Path dataDir = TestInstance.newDataDir();
  private final Messaging messaging = OutboxFixture.messaging(vertx, SharedKafka.bootstrapServers());

  @AfterEach
  void close() {
    messaging.close().await();
    vertx.close().await();
  }

  @Test
  @DisplayName("rows marked published before the upgrade stay unsent, the rest go once; after a restart only the rows appended since go")
  void upgradeThenRestartSendEachRowOnce() throws Exception {
    outboxBeforeTheWatermark(List.of("published-1", "published-2", "published-3"), List.of("waiting-1", "waiting-2"));
    messaging.ensureTopics(topic).await();

    Database database = OutboxFixture.open(vertx, MODULE, dataDir);
    assertThat(watermark()).as("the upgrade set the watermark below the first unpublished row").isEqualTo(3);
    relayUntilEmpty(database);
    assertThat(eventIds()).as("only the rows not yet published before the upgrade").containsExactly("waiting-1", "waiting-2");
    assertThat(watermark()).isEqualTo(5);

    OutboxFixture.fill(database, topic, 4, 2, 10);
    relayUntilEmpty(database);
    List<String> sent = eventIds();
    assertThat(sent).as("the restarted relay resumed after the stored watermark (records of other keys on other partitions)")
      .hasSize(6).doesNotHaveDuplicates().contains("waiting-1", "waiting-2").doesNotContain("published-1", "published-2", "published-3");
    assertThat(watermark()).isEqualTo(9);
    database.close().await();
  }

  /** The outbox as the platform's migrations up to V4 left it, with rows marked published the way it marked them. */
  private void outboxBeforeTheWatermark(List<String> published, List<String> unpublished) throws SQLException {
    Flyway.configure().dataSource(jdbcUrl(), null, null).table("flyway_platform_history").baselineOnMigrate(true).baselineVersion("0")
      .locations("classpath:db/platform/common", "classpath:db/platform/sqlite").target("4").load().migrate();
    try (Connection connection = DriverManager.getConnection(jdbcUrl());
         PreparedStatement append = connection.prepareStatement("""
           INSERT INTO outbox (event_id, topic, event_key, attributes, payload, created_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
      List<String> all = new ArrayList<>(published);
      all.addAll(unpublished);
      for (String eventId : all) {
        append.setString(1, eventId);
        append.setString(2, topic);
        append.setString(3, "key");
        append.setString(4, new JsonObject().put("id", eventId).put("type", "orderflow.test.Upgraded.v1").put("source", "/test")
          .put("specversion", "1.0").encode());
        append.setString(5, "{}");
        append.setLong(6, System.currentTimeMillis());
        append.setObject(7, published.contains(eventId) ? System.currentTimeMillis() : null);
        append.executeUpdate();
      }
    }
  }

  private void relayUntilEmpty(Database database) {
    OutboxRelay relay = messaging.startRelay(database, MODULE);
    try {
      Await.until("the relay emptied the outbox", WAIT, () -> relay.backlog().await() == 0);
    } finally {
      relay.stop();
    }
  }

  private List<String> eventIds() {
    return Kafka.eventIds(SharedKafka.bootstrapServers(), topic);
  }

  private long watermark() throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl());
         ResultSet row = connection.createStatement().executeQuery("SELECT published_through FROM outbox_watermark")) {
      row.next();
      return row.getLong(1);
    }
  }

  private String jdbcUrl() {
    return "jdbc:sqlite:" + dataDir.resolve(MODULE + ".db") + "?busy_timeout=5000";
  }
}

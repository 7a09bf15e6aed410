package dev.orderflow;

import dev.orderflow.platform.Instance;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.support.Await;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.TestInstance;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Startup refuses an inbox retention shorter than the retention of a topic the instance consumes")
class InboxRetentionStartupTest {

  private static final String TEN_DAYS_MS = String.valueOf(240 * 3_600_000L);

  @Test
  @DisplayName("a topic kept 240 h against an inbox kept 168 h: refused, naming the topic and both figures")
  void refusesATopicThatOutlivesTheInbox() throws Exception {
    Map<String, String> settings = settings("ORDERFLOW_RETENTION_INBOX_HOURS", "168");
    String topic = createTopic(settings, "orderflow.customers", TEN_DAYS_MS);

    assertThatThrownBy(() -> Instance.start(Orderflow.modules(), settings))
      .isInstanceOf(StartupException.class)
      .hasMessageStartingWith("ORDERFLOW_RETENTION_INBOX_HOURS: topic " + topic + " keeps its records for 240 h")
      .hasMessageContaining("the inbox forgets an applied event after 168 h")
      .hasMessageContaining("set it to at least 240")
      .hasMessageNotContaining("\n");
  }

  @Test
  @DisplayName("a topic kept forever: refused unless the inbox is never pruned (0), and then it is not")
  void anEndlessTopicNeedsAnEndlessInbox() throws Exception {
    Map<String, String> refused = settings("ORDERFLOW_RETENTION_INBOX_HOURS", "100000");
    String topic = createTopic(refused, "orderflow.orders", "-1");
    assertThatThrownBy(() -> Instance.start(Orderflow.modules(), refused))
      .isInstanceOf(StartupException.class)
      .hasMessageStartingWith("ORDERFLOW_RETENTION_INBOX_HOURS: topic " + topic + " keeps its records forever (retention.ms=-1)")
      .hasMessageContaining("set it to 0");

    Map<String, String> neverPruned = settings("ORDERFLOW_RETENTION_INBOX_HOURS", "0", "ORDERFLOW_RETENTION_INTERVAL_MS", "100");
    createTopic(neverPruned, "orderflow.orders", "-1");
    Instance instance = Instance.start(Orderflow.modules(), neverPruned);
    try {
      Path notifications = Path.of(neverPruned.get("ORDERFLOW_DATA_DIR")).resolve("notifications.db");
      update(notifications, "INSERT INTO inbox (consumer_group, event_id, processed_at) VALUES ('ancient', 'e-1', 1)");
      // seq 0: at or below the watermark of any outbox, so published, and never picked up by the relay
      update(notifications, "INSERT INTO outbox (seq, event_id, topic, event_key, attributes, payload, created_at)"
        + " VALUES (0, 'e-1', 't', 'k', '{}', '{}', 1)");
      Await.until("the retention job pruned the ancient outbox row", Duration.ofSeconds(10),
        () -> count(notifications, "SELECT COUNT(*) FROM outbox WHERE event_id = 'e-1'") == 0);
      assertThat(count(notifications, "SELECT COUNT(*) FROM inbox WHERE consumer_group = 'ancient'")).as("0 = never pruned").isEqualTo(1);
    } finally {
      instance.stop();
    }
  }

  private static long count(Path database, String query) {
    try (Connection connection = connect(database); ResultSet rows = connection.createStatement().executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(Path database, String statement) throws SQLException {
    try (Connection connection = connect(database)) {
      connection.createStatement().executeUpdate(statement);
    }
  }

  private static Connection connect(Path database) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + database + "?busy_timeout=5000");
  }

  private static Map<String, String> settings(String... overrides) {
    Map<String, String> settings = new HashMap<>(TestInstance.defaults(TestInstance.newDataDir()));
    settings.put("ORDERFLOW_MODULES", "notifications");
    for (int i = 0; i < overrides.length; i += 2) {
      settings.put(overrides[i], overrides[i + 1]);
    }
    return settings;
  }

  /** Creates the topic in the instance's namespace before it starts, as an operator would; answers its Kafka name. */
  private static String createTopic(Map<String, String> settings, String logicalName, String retentionMs)
    throws ExecutionException, InterruptedException {
    String topic = settings.get("ORDERFLOW_KAFKA_NAMESPACE") + logicalName;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMs))))
        .all().get();
    }
    return topic;
  }
}

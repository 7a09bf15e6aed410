package dev.orderflow.platform.messaging;

import dev.orderflow.support.Postgres;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("An outbox row read as a Kafka record: text columns read from their bytes come out as written")
class OutboxRecordTest {

  private static final String TOPIC = "orderflow.tëst";
  private static final String KEY = "clé-€-1";
  private static final String PAYLOAD = new JsonObject().put("name", "Zoë ✓ 😀").encode();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("non-ASCII topic, key, payload and attributes")
  void nonAsciiTextComesOutAsWritten(String vendor) throws Exception {
    Event event = Event.create("/tëst", "orderflow.test.Probe.v1", KEY, new JsonObject(), "corrélation-😀", null);
    try (Connection connection = vendor.equals("sqlite") ? DriverManager.getConnection("jdbc:sqlite::memory:") : Postgres.connect("")) {
      connection.createStatement().execute("CREATE TEMP TABLE outbox (seq BIGINT, topic TEXT, event_key TEXT, attributes TEXT, payload TEXT)");
      try (PreparedStatement append = connection.prepareStatement("INSERT INTO outbox VALUES (7, ?, ?, ?, ?)")) {
        append.setString(1, TOPIC);
        append.setString(2, KEY);
        append.setString(3, event.attributes().encode());
        append.setString(4, PAYLOAD);
        append.executeUpdate();
      }
      try (ResultSet row = connection.createStatement().executeQuery("SELECT seq, topic, event_key, attributes, payload FROM outbox")) {
        assertThat(row.next()).isTrue();
        OutboxRecord read = OutboxRecord.read(row, MessagingSettings.options(new JsonObject().put("namespace", "ns.")));

        ProducerRecord<String, String> record = read.record();
        assertThat(read.seq()).isEqualTo(7);
        assertThat(read.topic()).isEqualTo(TOPIC);
        assertThat(record.topic()).isEqualTo("ns." + TOPIC);
        assertThat(record.key()).isEqualTo(KEY);
        assertThat(record.value()).isEqualTo(PAYLOAD);
        assertThat(header(record, "ce_correlationid")).isEqualTo("corrélation-😀");
        assertThat(header(record, "ce_source")).isEqualTo("/tëst");
      }
    }
  }

  private static String header(ProducerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}

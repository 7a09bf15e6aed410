package dev.orderflow;

import dev.orderflow.platform.messaging.EmbeddedKafka;
import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Kafka outage: registrations go on, the outbox keeps the backlog, everything arrives in order after recovery")
class KafkaOutageTest {

  private static final int DURING_OUTAGE = 20;
  private static final Duration RECOVERY = Duration.ofSeconds(90);

  @Test
  @DisplayName("registrations succeed while the broker is down; afterwards every event is delivered once, in order per partition")
  void outage() {
    Path brokerDir = TestInstance.newDataDir();
    int port = JarProcess.freePort();
    EmbeddedKafka broker = EmbeddedKafka.start(brokerDir, port);
    String bootstrap = broker.bootstrapServers();
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
      "ORDERFLOW_MESSAGING_RETRY_MAX_MS", "1000")) {
      Http http = orderflow.http();
      String before = register(http, "before.outage@example.com");
      Await.until("the welcome before the outage", RECOVERY, () -> welcomes(http, before) == 1);

      broker.close();
      List<String> registered = new ArrayList<>();
      for (int i = 0; i < DURING_OUTAGE; i++) {
        registered.add(register(http, "outage-" + i + "@example.com"));
      }
      Await.until("readiness reports Kafka down", Duration.ofSeconds(20), () -> http.get("/health/ready").status() == 503);
      assertThat(http.get("/health/ready").body()).contains("\"backlog\":" + DURING_OUTAGE);

      broker = EmbeddedKafka.start(brokerDir, port);
      Await.until("every welcome after recovery", RECOVERY, () -> registered.stream().allMatch(id -> welcomes(http, id) == 1));

      assertThat(http.get("/health/ready").status()).isEqualTo(200);
      List<ConsumerRecord<String, String>> events = Kafka.readAll(bootstrap, orderflow.topic("orderflow.customers"));
      assertThat(events.stream().map(ConsumerRecord::key).distinct().count()).isEqualTo(DURING_OUTAGE + 1);
      Map<Integer, List<ConsumerRecord<String, String>>> byPartition = events.stream()
        .collect(Collectors.groupingBy(ConsumerRecord::partition));
      byPartition.values().forEach(partition -> assertThat(partition.stream()
        .map(record -> Instant.parse(new JsonObject(record.value()).getString("registeredAt"))).toList())
        .as("registration order within a partition").isSortedAccordingTo(Comparator.naturalOrder()));
    } finally {
      broker.close();
    }
  }

  private static String register(Http http, String email) {
    Http.Response response = http.post("/api/v1/customers", "application/json",
      new JsonObject().put("email", email).put("name", "Outage").encode());
    assertThat(response.status()).isEqualTo(201);
    return response.json().getString("id");
  }

  private static int welcomes(Http http, String customerId) {
    return http.get("/api/v1/customers/" + customerId + "/notifications").json().getJsonArray("notifications").size();
  }
}

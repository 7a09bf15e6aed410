package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Outbox relay on PostgreSQL shared by two instances: one relays at a time, the other takes over when it stops")
class PostgresRelayLeaseTest {

  private static final Duration DELIVERY = Duration.ofSeconds(30);
  private static final int REGISTRATIONS = 30;
  private static final String PREFIX = Postgres.uniqueSchemaPrefix();
  private static final String NAMESPACE = "test-" + UUID.randomUUID().toString().substring(0, 8) + ".";

  @AfterAll
  static void dropSchemas() {
    Postgres.dropSchemas(PREFIX);
  }

  @Test
  @DisplayName("registrations through both instances reach Kafka exactly once each; with the holder stopped, the other relays")
  void oneRelayAtATime() {
    TestInstance first = start();
    boolean firstRunning = true;
    List<String> registered = new ArrayList<>();
    try (TestInstance second = start()) {
      for (int i = 0; i < REGISTRATIONS; i++) {
        registered.add(register(i % 2 == 0 ? first : second));
      }
      String topic = first.topic("orderflow.customers");
      Await.until("every registration reaches Kafka", DELIVERY, () -> keys(topic).containsAll(registered));
      assertThat(Kafka.eventIds(SharedKafka.bootstrapServers(), topic)).as("each outbox row sent once: never by both relays").doesNotHaveDuplicates()
        .hasSize(REGISTRATIONS);

      first.close();
      firstRunning = false;
      String afterTakeOver = register(second);
      Await.until("the other instance takes the relay over", DELIVERY, () -> keys(topic).contains(afterTakeOver));
      assertThat(Kafka.eventIds(SharedKafka.bootstrapServers(), topic)).doesNotHaveDuplicates().hasSize(REGISTRATIONS + 1);
    } finally {
      if (firstRunning) {
        first.close();
      }
    }
  }

  private static TestInstance start() {
    return TestInstance.start("ORDERFLOW_MODULES", "gateway,customers", "ORDERFLOW_DB_URL", Postgres.URL,
      "ORDERFLOW_DB_SCHEMA_PREFIX", PREFIX, "ORDERFLOW_KAFKA_NAMESPACE", NAMESPACE);
  }

  private static String register(TestInstance instance) {
    return instance.http().post("/api/v1/customers", "application/json",
      new JsonObject().put("email", "lease-" + UUID.randomUUID() + "@example.com").put("name", "Lease").encode()).json().getString("id");
  }

  private static List<String> keys(String topic) {
    return Kafka.readAll(SharedKafka.bootstrapServers(), topic).stream().map(ConsumerRecord::key).toList();
  }
}

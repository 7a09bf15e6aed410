package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The registration flow's critical path on PostgreSQL: outbox, relay, inbox, replay")
class PostgresMessagingTest {

  private static final String PREFIX = Postgres.uniqueSchemaPrefix();
  private static final Duration DELIVERY = Duration.ofSeconds(20);
  private static TestInstance orderflow;
  private static Http http;

  @BeforeAll
  static void start() {
    orderflow = TestInstance.start("ORDERFLOW_DB_URL", Postgres.URL, "ORDERFLOW_DB_SCHEMA_PREFIX", PREFIX);
    http = orderflow.http();
  }

  @AfterAll
  static void stop() {
    orderflow.close();
    Postgres.dropSchemas(PREFIX);
  }

  @Test
  @DisplayName("registers, welcomes once despite a duplicate delivery, refuses a taken email, rebuilds analytics by replay")
  void registrationOnPostgres() {
    String id = register("pg.user@example.com").json().getString("id");
    Await.until("the welcome message", DELIVERY, () -> welcomes(id) == 1);
    ConsumerRecord<String, String> event = Kafka.readAll(SharedKafka.bootstrapServers(), orderflow.topic("orderflow.customers")).get(0);

    Kafka.produce(SharedKafka.bootstrapServers(), new ProducerRecord<>(event.topic(), null, event.key(), event.value(), event.headers()));
    String marker = register("pg.marker@example.com").json().getString("id");
    Await.until("the marker's welcome", DELIVERY, () -> welcomes(marker) == 1);
    Await.until("analytics counted both", DELIVERY, () -> total() == 2);

    assertThat(welcomes(id)).isEqualTo(1);
    assertThat(register("PG.USER@example.com").status()).isEqualTo(409);
    assertThat(http.post("/admin/consumer-groups/analytics/replay", "application/json", "{\"from\":\"beginning\"}").status()).isEqualTo(202);
    Await.until("analytics rebuilt", DELIVERY, () -> total() == 2 && lag() == 0);
    assertThat(total()).isEqualTo(2);
  }

  private static Http.Response register(String email) {
    return http.post("/api/v1/customers", "application/json", new JsonObject().put("email", email).put("name", "Pg").encode());
  }

  private static int welcomes(String customerId) {
    return http.get("/api/v1/customers/" + customerId + "/notifications").json().getJsonArray("notifications").size();
  }

  private static long total() {
    return http.get("/api/v1/analytics/registrations").json().getLong("total");
  }

  private static long lag() {
    return http.get("/admin/consumer-groups/analytics").json().getJsonObject("lag").stream()
      .mapToLong(entry -> ((Number) entry.getValue()).longValue()).sum();
  }
}

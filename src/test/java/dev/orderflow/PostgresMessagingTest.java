package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.RunningOrderflow;
import dev.orderflow.support.SharedKafka;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The registration flow's critical path on PostgreSQL: outbox, relay, inbox, replay")
class PostgresMessagingTest {

  private static final Duration DELIVERY = Duration.ofSeconds(20);

  @RegisterExtension
  static final RunningOrderflow orderflow = RunningOrderflow.onPostgres();

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
    assertThat(orderflow.http().post("/admin/consumer-groups/analytics/replay", "application/json", "{\"from\":\"beginning\"}").status()).isEqualTo(202);
    Await.until("analytics rebuilt", DELIVERY, () -> total() == 2 && lag() == 0);
    assertThat(total()).isEqualTo(2);
  }

  private static Http.Response register(String email) {
    return orderflow.http().post("/api/v1/customers", "application/json", new JsonObject().put("email", email).put("name", "Pg").encode());
  }

  private static int welcomes(String customerId) {
    return orderflow.http().get("/api/v1/customers/" + customerId + "/notifications").json().getJsonArray("notifications").size();
  }

  private static long total() {
    return orderflow.http().get("/api/v1/analytics/registrations").json().getLong("total");
  }

  private static long lag() {
    return orderflow.http().get("/admin/consumer-groups/analytics").json().getJsonObject("lag").stream()
      .mapToLong(entry -> ((Number) entry.getValue()).longValue()).sum();
  }
}

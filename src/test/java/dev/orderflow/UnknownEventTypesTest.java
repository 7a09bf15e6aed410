package dev.orderflow;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("An event type a consumer group has not declared is never skipped without a word")
class UnknownEventTypesTest {

  private static final Duration DELIVERY = Duration.ofSeconds(30);
  private static final String ORDER = "order-of-unknown-events";
  private static final String SHIPPED = "orderflow.orders.OrderShipped.v1";
  private static final String PLACED_V2 = "orderflow.orders.OrderPlaced.v2";
  private static final String CANCELLATION_REQUESTED = "orderflow.orders.OrderCancellationRequested.v1";

  @Test
  @DisplayName("ignoring groups count each unknown type and warn once per type; checkout refuses it until it is dead-lettered")
  void unknownTypes() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try (TestInstance orderflow = TestInstance.start(
      "ORDERFLOW_MESSAGING_MAX_ATTEMPTS", "2",
      "ORDERFLOW_MESSAGING_RETRY_INITIAL_MS", "20",
      "ORDERFLOW_MESSAGING_RETRY_MAX_MS", "100")) {
      Http http = orderflow.http();
      String ordersTopic = orderflow.topic("orderflow.orders");
      publish(ordersTopic, CANCELLATION_REQUESTED);
      publish(ordersTopic, SHIPPED);
      publish(ordersTopic, SHIPPED);
      String placedV2 = publish(ordersTopic, PLACED_V2);

      Await.until("both ignoring groups counted both OrderShipped and the OrderPlaced.v2", DELIVERY,
        () -> unknown(http, "analytics-orders", SHIPPED) == 2 && unknown(http, "notifications-orders", SHIPPED) == 2
          && unknown(http, "analytics-orders", PLACED_V2) == 1 && unknown(http, "notifications-orders", PLACED_V2) == 1);
      assertThat(unknown(http, "analytics-orders", CANCELLATION_REQUESTED)).as("a declared, ignored type is not counted").isZero();
      assertThat(unknown(http, "checkout", SHIPPED)).as("checkout refuses rather than counts").isZero();
      List<String> warnings = List.copyOf(logs.list).stream()
        .filter(line -> line.getLevel() == Level.WARN && line.getFormattedMessage().contains("ignores unknown event type " + SHIPPED))
        .map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(warnings).hasSize(2).anyMatch(line -> line.contains("analytics-orders")).anyMatch(line -> line.contains("notifications-orders"));

      Await.until("checkout dead-letters the OrderPlaced.v2", DELIVERY, () -> deadLetters(http).stream()
        .anyMatch(letter -> placedV2.equals(((JsonObject) letter).getString("eventId"))));
      JsonObject letter = deadLetters(http).stream().map(JsonObject.class::cast)
        .filter(parked -> placedV2.equals(parked.getString("eventId"))).findFirst().orElseThrow();
      assertThat(letter.getString("eventType")).isEqualTo(PLACED_V2);
      assertThat(letter.getString("error")).contains("refuses unknown event type " + PLACED_V2);
      assertThat(letter.getInteger("attempts")).isEqualTo(2);
      assertThat(deadLetters(http).stream().map(JsonObject.class::cast).map(parked -> parked.getString("eventType")))
        .doesNotContain(CANCELLATION_REQUESTED);
    } finally {
      root.detachAppender(logs);
    }
  }

  /** An event as orders would write it, all on one key so that the groups see them in this order. */
  private static String publish(String topic, String type) {
    String id = UUID.randomUUID().toString();
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, ORDER,
      new JsonObject().put("orderId", ORDER).put("customerId", "someone").encode());
    header(record, "ce_id", id);
    header(record, "ce_source", "orderflow/orders");
    header(record, "ce_type", type);
    header(record, "ce_specversion", "1.0");
    header(record, "ce_time", Instant.now().toString());
    header(record, "ce_subject", ORDER);
    Kafka.produce(SharedKafka.bootstrapServers(), record);
    return id;
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static long unknown(Http http, String group, String type) {
    Matcher sample = Pattern.compile("^orderflow_messages_unknown_type_total\\{([^}]*)} (\\S+)$", Pattern.MULTILINE)
      .matcher(http.get("/metrics").body());
    while (sample.find()) {
      if (sample.group(1).contains("group=\"" + group + "\"") && sample.group(1).contains("type=\"" + type + "\"")) {
        return (long) Double.parseDouble(sample.group(2));
      }
    }
    return 0;
  }

  private static JsonArray deadLetters(Http http) {
    return http.get("/admin/dead-letters/checkout").json().getJsonArray("deadLetters");
  }
}

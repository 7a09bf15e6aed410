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
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("One correlation id from the HTTP request through the event bus and Kafka to every log line")
class CorrelationTest {

  private static final String ID = "trace-7f3a9c";

  @Test
  void correlationIdTravels() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    // a recorded notice follows from an event logged where it happened, so it is logged at DEBUG
    Logger welcome = (Logger) LoggerFactory.getLogger("dev.orderflow.notifications.WelcomeMessages");
    welcome.setLevel(Level.DEBUG);
    // a 201 has an access line only when every request is logged
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_ACCESS_LOG", "all")) {
      Http http = orderflow.http();
      Http.Response created = http.post("/api/v1/customers", "application/json",
        new JsonObject().put("email", "traced@example.com").put("name", "Traced").encode(), "X-Correlation-Id", ID);
      String customerId = created.json().getString("id");
      Await.until("the welcome message", Duration.ofSeconds(20),
        () -> !http.get("/api/v1/customers/" + customerId + "/notifications").json().getJsonArray("notifications").isEmpty());

      assertThat(created.header("X-Correlation-Id")).isEqualTo(ID);
      ConsumerRecord<String, String> event = Kafka.readAll(SharedKafka.bootstrapServers(), orderflow.topic("orderflow.customers"))
        .stream().filter(record -> customerId.equals(record.key())).findFirst().orElseThrow();
      assertThat(new String(event.headers().lastHeader("ce_correlationid").value(), StandardCharsets.UTF_8)).isEqualTo(ID);
      Set<String> loggersWithId = List.copyOf(logs.list).stream()
        .filter(line -> line.getFormattedMessage().contains("correlationId=" + ID))
        .map(ILoggingEvent::getLoggerName).collect(Collectors.toSet());
      assertThat(loggersWithId).contains("orderflow.access", "dev.orderflow.customers.CustomersBusVerticle",
        "dev.orderflow.notifications.WelcomeMessages");
    } finally {
      welcome.setLevel(null);
      root.detachAppender(logs);
    }
  }
}

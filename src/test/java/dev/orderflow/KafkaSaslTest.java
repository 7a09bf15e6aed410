package dev.orderflow;

import dev.orderflow.platform.messaging.EmbeddedKafka;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.LogWatch;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("External Kafka with SASL/PLAIN: the relay, the subscriptions and the bridge authenticate; wrong credentials stop startup")
class KafkaSaslTest {

  private static final String PASSWORD = "orderflow-Pw-7f3a";
  private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule required";
  private static final Map<String, Object> SASL = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN");
  private static final Duration DELIVERY = Duration.ofSeconds(20);
  private static final String BRIDGE = new JsonObject()
    .put("outbound", List.of(Map.of("address", "test.sasl.out", "topic", "sasl.out")))
    .put("inbound", List.of(Map.of("topic", "sasl.in", "address", "test.sasl.in", "group", "sasl-in")))
    .encode();

  private static EmbeddedKafka broker;

  @BeforeAll
  static void startBroker() {
    // The broker's client listener keeps its name PLAINTEXT but speaks SASL_PLAINTEXT; its controller listener stays plaintext.
    broker = EmbeddedKafka.start(TestInstance.newDataDir(), 0, Map.of(
      "listener.security.protocol.map", "PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
      "sasl.enabled.mechanisms", "PLAIN",
      "sasl.mechanism.inter.broker.protocol", "PLAIN",
      "listener.name.plaintext.plain.sasl.jaas.config", PLAIN_LOGIN + " username=\"broker\" password=\"broker-pw\""
        + " user_broker=\"broker-pw\" user_orderflow=\"" + PASSWORD + "\";"));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  @DisplayName("with the credentials in a properties file: events are relayed and consumed, the bridge works both ways, no secret is logged")
  void authenticated() throws IOException {
    Path propertiesFile = Files.writeString(TestInstance.newDataDir().resolve("kafka.properties"),
      "sasl.jaas.config=" + jaas("orderflow", PASSWORD) + "\n");
    try (LogWatch secretLogged = LogWatch.on(org.slf4j.Logger.ROOT_LOGGER_NAME, line -> line.contains(PASSWORD));
         LogWatch summary = LogWatch.on("dev.orderflow", line -> line.contains("(external, sasl.jaas.config=[hidden], "
           + "sasl.mechanism=PLAIN, security.protocol=SASL_PLAINTEXT)"));
         TestInstance orderflow = TestInstance.start("ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
           "ORDERFLOW_KAFKA_PROPERTIES", new JsonObject(SASL).encode(),
           "ORDERFLOW_KAFKA_PROPERTIES_FILE", propertiesFile.toString(),
           "ORDERFLOW_KAFKA_BRIDGE", BRIDGE)) {
      Http http = orderflow.http();
      String customerId = new Shop(http).newCustomer();
      Await.until("the welcome notification of " + customerId, DELIVERY,
        () -> !http.get("/api/v1/customers/" + customerId + "/notifications").json().getJsonArray("notifications").isEmpty());
      Await.until("analytics counts the registration", DELIVERY,
        () -> http.get("/api/v1/analytics/registrations").json().getLong("total") == 1);
      assertThat(http.get("/admin/consumer-groups/notifications").status()).isEqualTo(200);
      assertThat(http.get("/admin/dead-letters/notifications").status()).isEqualTo(200);
      assertThat(http.get("/health/ready").status()).isEqualTo(200);

      Vertx vertx = orderflow.instance().platform().vertx();
      vertx.eventBus().request("test.sasl.out", new JsonObject().put("hello", "sasl"), new DeliveryOptions().addHeader("key", "k-1"))
        .await();
      List<ConsumerRecord<String, String>> out = Kafka.readAll(broker.bootstrapServers(), clientProperties("orderflow", PASSWORD),
        orderflow.topic("sasl.out"));
      assertThat(out).extracting(ConsumerRecord::value).containsExactly("{\"hello\":\"sasl\"}");

      List<Message<JsonObject>> received = new CopyOnWriteArrayList<>();
      vertx.eventBus().<JsonObject>consumer("test.sasl.in", message -> {
        received.add(message);
        message.reply(new JsonObject());
      }).completion().await();
      Kafka.produce(broker.bootstrapServers(), clientProperties("orderflow", PASSWORD),
        new ProducerRecord<>(orderflow.topic("sasl.in"), "k-2", "{\"from\":\"outside\"}"));
      Await.until("the record reaches the address", DELIVERY, () -> !received.isEmpty());
      assertThat(received.get(0).body().getString("from")).isEqualTo("outside");

      assertThat(summary.seen()).as("the startup summary names the properties, values hidden").isTrue();
      assertThat(secretLogged.seen()).as("the password in any log line").isFalse();
    }
  }

  @Test
  @DisplayName("with a wrong password startup fails fast, naming authentication; without SASL no broker answers")
  void refused() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> TestInstance.start("ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
      "ORDERFLOW_KAFKA_PROPERTIES", new JsonObject(clientProperties("orderflow", "wrong-password")).encode(),
      "ORDERFLOW_STARTUP_CHECK_TIMEOUT_MS", "30000"))
      .isInstanceOf(StartupException.class)
      .hasMessageStartingWith("ORDERFLOW_KAFKA_PROPERTIES: authentication with Kafka at " + broker.bootstrapServers() + " failed")
      .hasMessageNotContaining("wrong-password");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("well within the 30 s check timeout").isLessThan(Duration.ofSeconds(10));

    assertThatThrownBy(() -> TestInstance.start("ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
      "ORDERFLOW_STARTUP_CHECK_TIMEOUT_MS", "1500"))
      .isInstanceOf(StartupException.class)
      .hasMessageStartingWith("ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS: no Kafka broker answered")
      .hasMessageContaining("needs ORDERFLOW_KAFKA_PROPERTIES");
  }

  private static Map<String, Object> clientProperties(String user, String password) {
    Map<String, Object> properties = new HashMap<>(SASL);
    properties.put("sasl.jaas.config", jaas(user, password));
    return properties;
  }

  private static String jaas(String user, String password) {
    return PLAIN_LOGIN + " username=\"" + user + "\" password=\"" + password + "\";";
  }
}

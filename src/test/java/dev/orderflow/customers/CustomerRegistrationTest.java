package dev.orderflow.customers;

import dev.orderflow.platform.messaging.DurableSubscription;
import dev.orderflow.platform.messaging.EventTypes;
import dev.orderflow.support.Await;
import dev.orderflow.support.EventContracts;
import dev.orderflow.support.Http;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.RunningOrderflow;
import dev.orderflow.support.SharedKafka;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Customer registration: outbox → Kafka → notifications and analytics, each its own consumer group")
class CustomerRegistrationTest {

  private static final Duration DELIVERY = Duration.ofSeconds(20);

  @RegisterExtension
  static final RunningOrderflow orderflow = RunningOrderflow.onSqlite();

  @Test
  @DisplayName("a registration answers 201 with Location, and exactly one welcome message and one count follow")
  void registrationFlow() {
    long totalBefore = registrationsTotal();
    Http.Response created = register("grace.hopper@example.com", "Grace");

    assertThat(created.status()).isEqualTo(201);
    String id = created.json().getString("id");
    assertThat(created.header("Location")).isEqualTo("/api/v1/customers/" + id);
    Http grace = new Http(orderflow.http().baseUrl(), "Authorization", "Bearer " + created.json().getString("accessToken"));
    assertThat(grace.get("/api/v1/customers/" + id).json().getString("email")).isEqualTo("grace.hopper@example.com");
    assertThat(grace.get("/api/v1/customers/" + id + "/notifications").status()).as("the customer reads their own notifications").isEqualTo(200);
    awaitWelcomes(id);
    Await.until("analytics counts the registration", DELIVERY, () -> registrationsTotal() == totalBefore + 1);
    assertThat(welcomes(id)).hasSize(1);
    assertThat(welcomes(id).get(0).getString("message")).isEqualTo("Welcome to Orderflow, Grace!");
  }

  @Test
  @DisplayName("what the customers module emits is a binary-mode CloudEvent whose data matches its JSON Schema")
  void emittedEventsMatchTheirContract() throws Exception {
    String id = register("alan.turing@example.com", "Alan").json().getString("id");
    awaitWelcomes(id);

    ConsumerRecord<String, String> record = recordOf(id);
    Map<String, String> headers = headers(record);
    assertThat(record.key()).isEqualTo(id);
    assertThat(headers).containsEntry("ce_specversion", "1.0").containsEntry("ce_type", "orderflow.customers.CustomerRegistered.v1")
      .containsEntry("ce_source", "/orderflow/customers").containsEntry("ce_subject", id).containsEntry("content-type", "application/json")
      .containsKeys("ce_id", "ce_time", "ce_dataschema", "ce_correlationid");
    OutputUnit result = EventContracts.validator("orderflow.customers.CustomerRegistered.v1").validate(new JsonObject(record.value()));
    assertThat(result.getValid()).as(String.valueOf(result.getErrors())).isTrue();
  }

  @Test
  @DisplayName("bad input gets 400 problem+json naming the field, a taken email 409, and neither emits an event")
  void refusesBadRegistrations() {
    awaitWelcomes(register("ada@example.com", "Ada").json().getString("id"));
    int eventsBefore = Kafka.readAll(SharedKafka.bootstrapServers(), orderflow.topic("orderflow.customers")).size();

    Http.Response badEmail = register("not-an-email", "X");
    Http.Response noName = orderflow.http().post("/api/v1/customers", "application/json", new JsonObject().put("email", "x@example.com").encode());
    Http.Response malformed = orderflow.http().post("/api/v1/customers", "application/json", "{\"email\":");
    Http.Response taken = register("ADA@example.com", "Ada again");

    assertThat(badEmail.status()).isEqualTo(400);
    assertThat(badEmail.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("email");
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("name");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.contentType()).isEqualTo("application/problem+json");
    awaitWelcomes(register("marker.after.refusals@example.com", "Marker").json().getString("id"));
    assertThat(Kafka.readAll(SharedKafka.bootstrapServers(), orderflow.topic("orderflow.customers")).size())
      .as("only the marker's event was added").isEqualTo(eventsBefore + 1);
  }

  @Test
  @DisplayName("an injected duplicate delivery of an event has one effect")
  void duplicateDeliveryHasOneEffect() {
    String id = register("barbara.liskov@example.com", "Barbara").json().getString("id");
    awaitWelcomes(id);
    long total = registrationsTotal();
    ConsumerRecord<String, String> original = recordOf(id);

    ProducerRecord<String, String> duplicate = new ProducerRecord<>(original.topic(), null, original.key(), original.value(), original.headers());
    Kafka.produce(SharedKafka.bootstrapServers(), duplicate);
    String marker = register("marker.after.duplicate@example.com", "Marker").json().getString("id");
    awaitWelcomes(marker);
    Await.until("analytics counted the marker", DELIVERY, () -> registrationsTotal() == total + 1);

    assertThat(welcomes(id)).hasSize(1);
    assertThat(registrationsTotal()).isEqualTo(total + 1);
  }

  @Test
  @DisplayName("a new consumer group receives the whole history without any change in customers")
  void newSubscriberGetsHistory() {
    List<String> registered = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      registered.add(register("history-" + i + "@example.com", "History " + i).json().getString("id"));
    }
    Set<String> seen = ConcurrentHashMap.newKeySet();

    DurableSubscription late = orderflow.instance().platform().messaging().subscribe("orderflow.customers", "late-subscriber", EventTypes.all(),
      event -> {
        seen.add(event.subject());
        return Future.succeededFuture();
      }, Future::succeededFuture).await();
    try {
      Await.until("the late subscriber saw every registration", DELIVERY, () -> seen.containsAll(registered));
    } finally {
      late.stop().await();
    }
  }

  @Test
  @DisplayName("replaying analytics from the beginning rebuilds exactly the same figures")
  void replayRebuildsAnalytics() {
    List<String> replayed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      replayed.add(register("replay-" + i + "@example.com", "Replay " + i).json().getString("id"));
    }
    // the class shares one instance: count what the topic holds once the relay sent these three, and
    // count customers, not records (another test injects a duplicate delivery)
    Await.until("the relay sent the three registrations", DELIVERY, () -> registeredOnTopic().containsAll(replayed));
    int events = Kafka.readAll(SharedKafka.bootstrapServers(), orderflow.topic("orderflow.customers")).size();
    long customers = registeredOnTopic().size();
    Await.until("analytics caught up", DELIVERY, () -> registrationsTotal() == customers);
    JsonObject before = orderflow.http().get("/api/v1/analytics/registrations").json();

    Http.Response replay = orderflow.http().post("/admin/consumer-groups/analytics/replay", "application/json", "{\"from\":\"beginning\"}");

    assertThat(replay.status()).isEqualTo(202);
    Await.until("analytics rebuilt", DELIVERY, () -> orderflow.http().get("/api/v1/analytics/registrations").json().equals(before)
      && lag("analytics") == 0);
    assertThat(orderflow.http().get("/api/v1/analytics/registrations").json()).isEqualTo(before);

    String anHourAgo = java.time.Instant.now().minus(Duration.ofHours(1)).toString();
    long consumedBefore = orderflow.http().get("/admin/messaging").json().getJsonObject("consumed").getLong("analytics");
    assertThat(orderflow.http().post("/admin/consumer-groups/analytics/replay", "application/json", "{\"from\":\"" + anHourAgo + "\"}").status())
      .isEqualTo(202);
    Await.until("the timestamp replay re-delivered every event", DELIVERY,
      () -> orderflow.http().get("/admin/messaging").json().getJsonObject("consumed").getLong("analytics") >= consumedBefore + events);
    assertThat(orderflow.http().get("/api/v1/analytics/registrations").json()).as("the inbox skips what was applied").isEqualTo(before);
    assertThat(orderflow.http().post("/admin/consumer-groups/nobody/replay", "application/json", "{}").status()).isEqualTo(404);
    assertThat(orderflow.http().post("/admin/consumer-groups/analytics/replay", "application/json", "{\"from\":\"yesterday\"}").status()).isEqualTo(400);
  }

  /** The customers whose registration is on the topic (a record's key is its customer's id). */
  private static Set<String> registeredOnTopic() {
    return Kafka.readAll(SharedKafka.bootstrapServers(), orderflow.topic("orderflow.customers")).stream()
      .map(record -> record.key()).collect(Collectors.toSet());
  }

  /** Registers as an anonymous client would (no admin token): registration is open. */
  private static Http.Response register(String email, String name) {
    return new Http(orderflow.http().baseUrl()).post("/api/v1/customers", "application/json", new JsonObject().put("email", email).put("name", name).encode());
  }

  private static void awaitWelcomes(String customerId) {
    Await.until("a welcome message for " + customerId, DELIVERY, () -> !welcomes(customerId).isEmpty());
  }

  private static List<JsonObject> welcomes(String customerId) {
    List<JsonObject> welcomes = new ArrayList<>();
    orderflow.http().get("/api/v1/customers/" + customerId + "/notifications").json().getJsonArray("notifications")
      .forEach(notification -> welcomes.add((JsonObject) notification));
    return welcomes;
  }

  private static long registrationsTotal() {
    return orderflow.http().get("/api/v1/analytics/registrations").json().getLong("total");
  }

  private static long lag(String group) {
    JsonObject lag = orderflow.http().get("/admin/consumer-groups/" + group).json().getJsonObject("lag");
    return lag.stream().mapToLong(entry -> ((Number) entry.getValue()).longValue()).sum();
  }

  private static ConsumerRecord<String, String> recordOf(String customerId) {
    return Kafka.readAll(SharedKafka.bootstrapServers(), orderflow.topic("orderflow.customers")).stream()
      .filter(record -> customerId.equals(record.key())).findFirst().orElseThrow();
  }

  private static Map<String, String> headers(ConsumerRecord<String, String> record) {
    Map<String, String> headers = new HashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }

}

package dev.orderflow;

import dev.orderflow.platform.messaging.DurableSubscription;
import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.EventTypes;
import dev.orderflow.platform.messaging.Inbox;
import dev.orderflow.support.Await;
import dev.orderflow.support.EffectsTable;
import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A poison message: retried, parked on the dead-letter topic, never blocking, redriven once fixed")
class DeadLetterTest {

  private static final String GROUP = "poison-test";
  private static final Duration DELIVERY = Duration.ofSeconds(20);

  private TestInstance orderflow;
  private Http http;
  private EffectsTable effects;
  private DurableSubscription subscription;
  private final AtomicBoolean fixed = new AtomicBoolean();

  @BeforeEach
  void start() {
    orderflow = TestInstance.start(
      "ORDERFLOW_MESSAGING_MAX_ATTEMPTS", "3",
      "ORDERFLOW_MESSAGING_RETRY_INITIAL_MS", "20",
      "ORDERFLOW_MESSAGING_RETRY_MAX_MS", "100");
    http = orderflow.http();
    effects = EffectsTable.open(orderflow, GROUP);
    subscription = orderflow.instance().platform().messaging()
      .subscribe("orderflow.customers", GROUP, EventTypes.handling("orderflow.customers.CustomerRegistered.v1"), this::handle, Future::succeededFuture).await();
  }

  @AfterEach
  void stop() {
    subscription.stop().await();
    effects.close();
    orderflow.close();
  }

  @Test
  @DisplayName("lands on the dead-letter topic after the configured attempts, later events go on, a redrive applies it exactly once")
  void poisonMessage() {
    String poison = register("poison@example.com", "Poison");
    String after = register("after@example.com", "After");

    Await.until("the event after the poison message is applied", DELIVERY, () -> effects.applied(after) == 1);
    Await.until("the poison message is parked", DELIVERY, () -> effects.deadLetters().size() == 1);
    JsonObject letter = effects.deadLetters().getJsonObject(0);
    assertThat(letter.getInteger("attempts")).isEqualTo(3);
    assertThat(letter.getString("error")).contains("cannot handle a customer named Poison");
    assertThat(letter.getString("originalTopic")).isEqualTo(orderflow.topic("orderflow.customers"));
    assertThat(letter.getString("eventType")).isEqualTo("orderflow.customers.CustomerRegistered.v1");
    assertThat(letter.getJsonObject("value").getString("customerId")).isEqualTo(poison);
    assertThat(effects.applied(poison)).isZero();

    String id = letter.getString("id");
    assertThat(http.get("/admin/dead-letters/" + GROUP + "/" + id).json().getString("eventId")).isEqualTo(letter.getString("eventId"));
    assertThat(http.get("/admin/dead-letters/" + GROUP + "/9-999999").status()).isEqualTo(404);
    assertThat(http.get("/admin/dead-letters/" + GROUP + "/not-an-id").status()).isEqualTo(400);

    fixed.set(true);
    long consumedBefore = consumed();
    assertThat(http.post("/admin/dead-letters/" + GROUP + "/" + id + "/redrive", "application/json", "").status()).isEqualTo(202);
    assertThat(http.post("/admin/dead-letters/" + GROUP + "/" + id + "/redrive", "application/json", "").status()).isEqualTo(202);

    Await.until("both redriven copies are handled", DELIVERY, () -> consumed() >= consumedBefore + 2);
    assertThat(effects.applied(poison)).as("applied exactly once").isEqualTo(1);
    assertThat(effects.applied(after)).isEqualTo(1);
  }

  private Future<Void> handle(Event event) {
    if ("Poison".equals(event.data().getString("name")) && !fixed.get()) {
      return Future.failedFuture("cannot handle a customer named Poison");
    }
    return Inbox.applyOnce(effects.database(), GROUP, event, tx -> EffectsTable.record(tx, event.subject())).mapEmpty();
  }

  private long consumed() {
    JsonObject consumed = http.get("/admin/messaging").json().getJsonObject("consumed", new JsonObject());
    return consumed.getLong(GROUP, 0L);
  }

  private String register(String email, String name) {
    Http.Response response = http.post("/api/v1/customers", "application/json",
      new JsonObject().put("email", email).put("name", name).encode());
    assertThat(response.status()).isEqualTo(201);
    return response.json().getString("id");
  }
}

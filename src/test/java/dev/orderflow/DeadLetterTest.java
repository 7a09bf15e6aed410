package dev.orderflow;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;
import dev.orderflow.support.Await;
import dev.orderflow.support.EffectsGroup;
import dev.orderflow.support.Http;
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

  private final AtomicBoolean fixed = new AtomicBoolean();
  private EffectsGroup effects;
  private Http http;

  @BeforeEach
  void start() {
    effects = EffectsGroup.start(GROUP, database -> messaging -> messaging.subscribe(EffectsGroup.TOPIC, GROUP, EffectsGroup.REGISTRATIONS,
      event -> handle(database, event), Future::succeededFuture));
    http = effects.http();
  }

  @AfterEach
  void stop() {
    effects.close();
  }

  @Test
  @DisplayName("lands on the dead-letter topic after the configured attempts, later events go on, a redrive applies it exactly once")
  void poisonMessage() {
    String poison = effects.register(1, "Poison").get(0);
    String after = effects.register(1, "After").get(0);

    Await.until("the event after the poison message is applied", DELIVERY, () -> effects.applied(after) == 1);
    Await.until("the poison message is parked", DELIVERY, () -> effects.deadLetters().size() == 1);
    JsonObject letter = effects.deadLetters().getJsonObject(0);
    assertThat(letter.getInteger("attempts")).isEqualTo(3);
    assertThat(letter.getString("error")).contains("cannot handle a customer named Poison");
    assertThat(letter.getString("originalTopic")).isEqualTo(effects.orderflow().topic(EffectsGroup.TOPIC));
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

  private Future<Void> handle(Database database, Event event) {
    if ("Poison".equals(event.data().getString("name")) && !fixed.get()) {
      return Future.failedFuture("cannot handle a customer named Poison");
    }
    return Inbox.applyOnce(database, GROUP, event, tx -> EffectsGroup.record(tx, event.subject())).mapEmpty();
  }

  private long consumed() {
    JsonObject consumed = http.get("/admin/messaging").json().getJsonObject("consumed", new JsonObject());
    return consumed.getLong(GROUP, 0L);
  }
}

package dev.orderflow;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;
import dev.orderflow.platform.messaging.InboxEffects;
import dev.orderflow.support.Await;
import dev.orderflow.support.EffectsGroup;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A group of inbox effects: a partition's records of one poll apply in one transaction; a bad one falls back to one by one")
class InboxEffectsRunsTest {

  private static final String GROUP = "runs-test";
  private static final Duration DELIVERY = Duration.ofSeconds(30);

  private EffectsGroup effects;
  private final List<String> told = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    effects = EffectsGroup.start(GROUP, database -> messaging -> messaging.subscribe(EffectsGroup.TOPIC, GROUP, EffectsGroup.REGISTRATIONS,
      new InboxEffects(database, GROUP, InboxEffectsRunsTest::effectOf).whenApplied(event -> told.add(event.subject())), Future::succeededFuture),
      "ORDERFLOW_CONSUMER_BATCH_WAIT_MS", "1000");
  }

  @AfterEach
  void stop() {
    effects.close();
  }

  @Test
  @DisplayName("applies every event once in fewer writes than records; a poison event is parked alone while its run's others apply once")
  void runs() {
    List<String> first = effects.register(30, "Customer");
    Await.until("the first 30 events are applied", DELIVERY, () -> first.stream().allMatch(id -> effects.applied(id) == 1));
    assertThat(effects.database().committedWrites()).as("writes for 30 records applied in runs").isLessThanOrEqualTo(15);

    List<String> around = new ArrayList<>(effects.register(10, "Before"));
    String poison = effects.register(1, "Poison").get(0);
    around.addAll(effects.register(10, "After"));
    Await.until("the poison event is parked", DELIVERY, () -> effects.deadLetters().size() == 1);
    Await.until("the events around it are applied", DELIVERY, () -> around.stream().allMatch(id -> effects.applied(id) == 1));
    JsonObject letter = effects.deadLetters().getJsonObject(0);
    assertThat(letter.getJsonObject("value").getString("customerId")).isEqualTo(poison);
    assertThat(letter.getInteger("attempts")).isEqualTo(3);
    assertThat(letter.getString("error")).contains("cannot handle a customer named Poison");
    assertThat(effects.applied(poison)).isZero();
    assertThat(first.stream().mapToLong(effects::applied).sum()).as("nothing applied twice").isEqualTo(30);
    // the poison's run was rolled back before its events applied one by one: a listener told before the commit would hear of them twice
    Await.until("told of the 50 applied events", DELIVERY, () -> told.size() >= 50);
    assertThat(told).as("told once per applied event, never of the parked one").hasSize(50).doesNotHaveDuplicates()
      .containsAll(first).containsAll(around).doesNotContain(poison);
  }

  private static Inbox.Effect effectOf(Event event) {
    String name = event.data().getString("name");
    if (name.startsWith("Poison")) {
      throw new IllegalArgumentException("cannot handle a customer named Poison");
    }
    return tx -> EffectsGroup.record(tx, event.subject());
  }

}

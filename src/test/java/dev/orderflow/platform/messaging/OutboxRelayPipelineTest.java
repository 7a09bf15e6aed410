package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.support.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Outbox relay pipeline: the next batches go out before the last is acknowledged, and a failure loses nothing")
class OutboxRelayPipelineTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int EVENTS = 2 * OutboxRelay.BATCH + 10;

  private final MockProducer<String, String> kafka = new MockProducer<>(false, new StringSerializer(), new StringSerializer());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Vertx vertx;
  private Database database;
  private OutboxRelay relay;

  @BeforeEach
  void startRelay() {
    vertx = Vertx.vertx();
    database = OutboxFixture.open(vertx, "pipeline");
    OutboxFixture.fill(database, "pipeline.events", EVENTS, 7, 10);
    MessagingOptions options = MessagingSettings.options(new JsonObject()
      .put("topic-replication", 1).put("max-attempts", 3).put("retry-initial-ms", 50).put("retry-max-ms", 200).put("outbox-poll-ms", 50));
    relay = new OutboxRelay(vertx, database, KafkaProducer.create(vertx, kafka), options, new MessagingMetrics(registry),
      "pipeline", () -> { });
    relay.start();
  }

  @AfterEach
  void stopRelay() {
    relay.stop();
    database.close().await();
    vertx.close().await();
  }

  @Test
  @DisplayName("batch 1 fails halfway while batches 2 and 3, sent before it was acknowledged, succeed: none is marked, all three go again in order")
  void failedBatchStopsTheMarkingOfLaterOnes() {
    Await.until("three batches handed to Kafka, none acknowledged", WAIT, () -> kafka.history().size() == EVENTS);
    assertThat(relay.backlog().await()).as("nothing marked before Kafka acknowledged it").isEqualTo(EVENTS);

    int failing = OutboxRelay.BATCH / 2;
    IntStream.range(0, failing).forEach(i -> kafka.completeNext());
    kafka.errorNext(new TimeoutException("record " + failing + " expired"));
    acknowledgeAll();
    Await.until("the relay sends the outbox again after its backoff", WAIT, () -> kafka.history().size() == 2 * EVENTS);
    assertThat(relay.backlog().await()).as("no batch marked after the one that failed, though Kafka acknowledged them").isEqualTo(EVENTS);
    List<Integer> firstTry = numbers(kafka.history().subList(0, EVENTS));
    assertThat(firstTry).as("sent in outbox order").isEqualTo(IntStream.range(0, EVENTS).boxed().toList());
    assertThat(numbers(kafka.history().subList(EVENTS, 2 * EVENTS))).as("sent again from the failed batch on, in outbox order").isEqualTo(firstTry);

    Await.until("the second try acknowledged and marked", WAIT, () -> {
      acknowledgeAll();
      return relay.backlog().await() == 0;
    });
    assertThat(kafka.history()).as("each event sent twice at most").hasSize(2 * EVENTS);
    assertThat(registry.get("orderflow.messages.produced").tag("topic", "pipeline.events").counter().count())
      .as("every record Kafka acknowledged counted once, the one that failed not").isEqualTo(2 * EVENTS - 1);
  }

  private void acknowledgeAll() {
    while (kafka.completeNext()) {
      // each call acknowledges the oldest record sent and not yet acknowledged
    }
  }

  private static List<Integer> numbers(List<ProducerRecord<String, String>> records) {
    return records.stream().map(record -> new JsonObject(record.value()).getInteger("n")).toList();
  }
}

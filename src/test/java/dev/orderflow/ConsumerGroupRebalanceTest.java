package dev.orderflow;

import dev.orderflow.platform.Platform;
import dev.orderflow.platform.messaging.ConsumerGroupVerticle;
import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.EventTypes;
import dev.orderflow.platform.messaging.Inbox;
import dev.orderflow.platform.messaging.Messaging;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.support.Await;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Members of one consumer group come and go (undeployed, deployed) while keyed events flow in;
 * each member applies an event through the inbox on a real database, and the effect records which
 * sequence number of its key it followed, so a skipped, repeated or reordered event shows.
 */
@DisplayName("Consumer groups: members coming and going under load, a batch longer than the poll interval, when offsets are committed")
class ConsumerGroupRebalanceTest {

  private static final String GROUP = "rebalance-test";
  private static final String TOPIC = "orderflow.rebalancetest";
  private static final String TYPE = "orderflow.rebalancetest.Counted.v1";
  private static final int KEYS = 12;
  private static final int MEMBER_CHANGES = 3;
  /** Every so many events of key-0, one whose effect takes long: batches outlast a poll, and rebalances land while records are in hand. */
  private static final int SLOW_EVERY = 50;
  private static final long SLOW_MS = 250;
  /** max.poll.interval.ms of the second test, whose one slow event takes twice as long. */
  private static final long POLL_INTERVAL_MS = 1500;
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private final AtomicLong deliveries = new AtomicLong();
  /** How long an event's handling waits before its effect. */
  private Function<Event, Long> slowness;

  @Test
  @DisplayName("every event's effect happens exactly once, none is skipped, each key's events apply in order")
  void membersComeAndGo() throws Exception {
    slowness = event -> event.subject().equals("key-0") && event.data().getInteger("seq") % SLOW_EVERY == 0 ? SLOW_MS : 0L;
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_KAFKA_TOPIC_PARTITIONS", "6")) {
      Rig rig = Rig.on(orderflow);
      Deque<String> members = new ArrayDeque<>();
      members.add(join(rig));
      members.add(join(rig));

      AtomicBoolean producing = new AtomicBoolean(true);
      AtomicLong produced = new AtomicLong();
      Thread producer = new Thread(() -> produce(orderflow.topic(TOPIC), producing, produced), "rebalance-test-producer");
      producer.start();
      for (int change = 0; change < MEMBER_CHANGES; change++) {
        awaitProgress(rig.effects());
        members.add(join(rig));
        awaitProgress(rig.effects());
        rig.vertx().undeploy(members.removeFirst()).await();
      }
      producing.set(false);
      producer.join();

      long total = produced.get();
      Await.until("all " + total + " events applied", SETTLE, () -> applied(rig.effects()) >= total);
      List<JsonObject> rows = rig.effects().read(reads -> reads.query(
        "SELECT event_id, event_key, seq, previous_seq FROM applied", Map.of())).await();
      assertThat(rows).as("one effect per produced event").hasSize((int) total);
      assertThat(rows.stream().map(row -> row.getString("event_id")).distinct().count()).as("distinct events applied").isEqualTo(total);
      assertThat(rows).as("each effect follows the previous event of its key")
        .allSatisfy(row -> assertThat(row.getValue("previous_seq")).as(row.encode())
          .isEqualTo(row.getInteger("seq") == 0 ? null : row.getInteger("seq") - 1));
      System.out.printf("rebalance test: %d events, %d deliveries, %d member changes%n", total, deliveries.get(), MEMBER_CHANGES);
      while (!members.isEmpty()) {
        rig.vertx().undeploy(members.removeFirst()).await();
      }
      rig.effects().close().await();
    }
  }

  @Test
  @DisplayName("a batch that outlasts max.poll.interval.ms keeps its member in the group: nothing is delivered twice")
  void batchLongerThanThePollInterval() {
    Set<String> slowOnce = ConcurrentHashMap.newKeySet();
    slowOnce.add("key-0-0");
    slowness = event -> slowOnce.remove(event.id()) ? 2 * POLL_INTERVAL_MS : 0L;
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway",
      "ORDERFLOW_KAFKA_PROPERTIES", new JsonObject().put("max.poll.interval.ms", POLL_INTERVAL_MS).encode())) {
      Rig rig = Rig.on(orderflow);
      String member = join(rig);
      try (KafkaProducer<String, String> producer = producer()) {
        for (int seq = 0; seq < 2; seq++) {
          sendRound(producer, orderflow.topic(TOPIC), seq);
          producer.flush();
          int expected = KEYS * (seq + 1);
          Await.until(expected + " events applied", SETTLE, () -> applied(rig.effects()) == expected);
        }
      }
      assertThat(deliveries.get()).as("deliveries of " + 2 * KEYS + " events").isEqualTo(2 * KEYS);
      rig.vertx().undeploy(member).await();
      rig.effects().close().await();
    }
  }

  @Test
  @DisplayName("finished offsets are committed once per commit interval, and on stop whatever the interval")
  void offsetsCommittedPerIntervalAndOnStop() throws Exception {
    slowness = event -> 0L;
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway",
      "ORDERFLOW_CONSUMER_COMMIT_INTERVAL_MS", String.valueOf(Duration.ofHours(1).toMillis()));
         Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
      Rig rig = Rig.on(orderflow);
      String member = join(rig);
      try (KafkaProducer<String, String> producer = producer()) {
        sendRound(producer, orderflow.topic(TOPIC), 0);
      }
      Await.until(KEYS + " events applied", SETTLE, () -> applied(rig.effects()) == KEYS);
      // consumer groups share the namespace of topics
      String groupId = orderflow.topic(GROUP);
      assertThat(committed(admin, groupId)).as("offsets committed within the first interval").isZero();

      rig.vertx().undeploy(member).await();
      assertThat(committed(admin, groupId)).as("offsets committed once the member stopped").isEqualTo(KEYS);
      rig.effects().close().await();
    }
  }

  /** The sum of the group's committed offsets over its partitions: the records it will not be given again. */
  private static long committed(Admin admin, String groupId) throws Exception {
    return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().values().stream()
      .filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
  }

  private String join(Rig rig) {
    return rig.vertx().deployVerticle(new ConsumerGroupVerticle(rig.messaging(), TOPIC, GROUP, EventTypes.handling(TYPE),
      event -> apply(rig.vertx(), rig.effects(), event))).await();
  }

  /** Waits as {@link #slowness} says, then applies; the effect notes the highest sequence number its key had before it: the previous event's, when none was skipped or reordered. */
  private Future<Void> apply(Vertx vertx, Database effects, Event event) {
    deliveries.incrementAndGet();
    int seq = event.data().getInteger("seq");
    long delay = slowness.apply(event);
    Future<?> before = delay > 0 ? vertx.timer(delay) : Future.succeededFuture();
    return before.compose(waited -> Inbox.applyOnce(effects, GROUP, event, tx -> tx.update("""
      INSERT INTO applied (event_id, event_key, seq, previous_seq)
      SELECT #{id}, #{key}, #{seq}, MAX(seq) FROM applied WHERE event_key = #{key}""",
      Map.of("id", event.id(), "key", event.subject(), "seq", seq)))).mapEmpty();
  }

  private static void awaitProgress(Database effects) {
    long before = applied(effects);
    Await.until("more events applied", SETTLE, () -> applied(effects) >= before + 300);
  }

  private static long applied(Database effects) {
    return effects.read(reads -> ((Number) reads.query("SELECT COUNT(*) AS n FROM applied", Map.of()).get(0).getValue("n")).longValue()).await();
  }

  /** Keyed events at a steady pace: one per key every few milliseconds, each key's numbered from 0. */
  private static void produce(String topic, AtomicBoolean producing, AtomicLong produced) {
    try (KafkaProducer<String, String> producer = producer()) {
      for (int seq = 0; producing.get(); seq++) {
        sendRound(producer, topic, seq);
        produced.addAndGet(KEYS);
        Thread.sleep(20);
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One event per key, each numbered {@code seq}. */
  private static void sendRound(KafkaProducer<String, String> producer, String topic, int seq) {
    for (int key = 0; key < KEYS; key++) {
      producer.send(event(topic, "key-" + key, seq));
    }
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(Map.of(
      ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
      ProducerConfig.ACKS_CONFIG, "all",
      ProducerConfig.LINGER_MS_CONFIG, 1,
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
      ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
  }

  private static ProducerRecord<String, String> event(String topic, String key, int seq) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, new JsonObject().put("seq", seq).encode());
    Map.of("ce_id", key + "-" + seq, "ce_type", TYPE, "ce_source", "rebalance-test", "ce_specversion", Event.SPEC_VERSION, "ce_subject", key)
      .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  /** What each test works with: the instance's Vert.x and messaging, and the effects database; the test topic is created. */
  private record Rig(Vertx vertx, Messaging messaging, Database effects) {

    static Rig on(TestInstance orderflow) {
      Platform platform = orderflow.instance().platform();
      Rig rig = new Rig(platform.vertx(), platform.messaging(), platform.databases().open("rebalancetest").await());
      rig.messaging().ensureTopics(TOPIC).await();
      return rig;
    }
  }
}

package dev.orderflow.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orderflow's messaging meters: produced, consumed, failed and dead-lettered records (by topic or
 * group), records of undeclared event types (by group and type), consumer lag per group and partition, outbox backlog per module.
 */
public final class MessagingMetrics {

  private static final Map<String, String> COUNTERS = Map.of(
    "produced", "orderflow.messages.produced",
    "consumed", "orderflow.messages.consumed",
    "failed", "orderflow.messages.failed",
    "dead-lettered", "orderflow.messages.dead.lettered");
  private static final Map<String, String> HELP = Map.of(
    "produced", "Records the outbox relays produced to Kafka, by topic",
    "consumed", "Records a consumer group handled successfully, by group",
    "failed", "Failed attempts at a record (each retry counts), by group",
    "dead-lettered", "Records parked on a dead-letter topic after their last attempt, by group");

  private final MeterRegistry registry;
  private final Map<Tags, AtomicLong> lags = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> backlogs = new ConcurrentHashMap<>();
  /** Counted once per record: registering anew each time cost the relay a builder, an id and a registry lookup per record. */
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  MessagingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The counter of records produced to {@code topic}: the outbox relay looks it up once per run of rows to one topic, not per record. */
  Counter producedTo(String topic) {
    return counter("produced", "topic", topic);
  }

  void consumed(String group) {
    count("consumed", "group", group);
  }

  void failed(String group) {
    count("failed", "group", group);
  }

  void deadLettered(String group) {
    count("dead-lettered", "group", group);
  }

  void unknownType(String group, String type) {
    Counter.builder("orderflow.messages.unknown.type")
      .description("Records of an event type their group has not declared, acknowledged without handling, by group and type")
      .tags("group", group, "type", type).register(registry).increment();
  }

  void lag(String group, String topic, int partition, long records) {
    Tags tags = Tags.of("group", group, "topic", topic, "partition", String.valueOf(partition));
    lags.computeIfAbsent(tags, key -> gauge("orderflow.consumer.lag", "Records between a group's position and the end of a partition", key))
      .set(records);
  }

  void backlog(String module, long rows) {
    backlogs.computeIfAbsent(module, key -> gauge("orderflow.outbox.backlog", "Outbox rows not yet published to Kafka", Tags.of("module", key)))
      .set(rows);
  }

  private void count(String kind, String tag, String value) {
    counter(kind, tag, value).increment();
  }

  private Counter counter(String kind, String tag, String value) {
    return counters.computeIfAbsent(kind + '\n' + value,
      key -> Counter.builder(COUNTERS.get(kind)).description(HELP.get(kind)).tag(tag, value).register(registry));
  }

  private AtomicLong gauge(String name, String help, Tags tags) {
    AtomicLong value = new AtomicLong();
    Gauge.builder(name, value, AtomicLong::get).description(help).tags(tags).register(registry);
    return value;
  }

  /** {@code {"produced": {"orderflow.customers": 12}, "consumed": {"notifications": 12}, ...}} */
  public JsonObject snapshot() {
    JsonObject snapshot = new JsonObject();
    COUNTERS.forEach((kind, name) -> {
      JsonObject byName = new JsonObject();
      for (Counter counter : registry.find(name).counters()) {
        String key = counter.getId().getTag("topic") != null ? counter.getId().getTag("topic") : counter.getId().getTag("group");
        byName.put(key, (long) counter.count());
      }
      if (!byName.isEmpty()) {
        snapshot.put(kind, byName);
      }
    });
    return snapshot;
  }
}

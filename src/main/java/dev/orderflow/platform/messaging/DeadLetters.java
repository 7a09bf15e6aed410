package dev.orderflow.platform.messaging;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dead-letter topics ({@code orderflow.dlt.<group>}): list and inspect what was parked, and
 * redrive a record to its original topic. Redriving is safe to repeat: the groups' inboxes make a
 * record's effect happen once.
 */
public final class DeadLetters {

  public static final int MAX_PAGE = 1000;
  private static final Duration KAFKA_CALL = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final String REDRIVE_HEADER = "orderflow_redrive_of";

  private final Vertx vertx;
  private final KafkaClients clients;
  private final KafkaProducer<String, String> producer;
  private final MessagingOptions options;

  DeadLetters(Vertx vertx, KafkaClients clients, KafkaProducer<String, String> producer, MessagingOptions options) {
    this.vertx = vertx;
    this.clients = clients;
    this.producer = producer;
    this.options = options;
  }

  /**
   * Up to {@code limit} dead letters of {@code group}, each partition read from where
   * {@code cursor} left it (from its start without a cursor), and the cursor of the next page when
   * more are parked.
   */
  public Future<Page> page(String group, int limit, Cursor cursor) {
    if (limit < 1 || limit > MAX_PAGE) {
      return Future.failedFuture(new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " dead letters, not " + limit));
    }
    return vertx.executeBlocking(() -> read(group, limit, cursor));
  }

  /** The dead letter {@code <partition>-<offset>}, read at its position whatever the number parked before it. */
  public Future<Optional<JsonObject>> find(String group, String id) {
    return vertx.executeBlocking(() -> locate(group, id).map(record -> describe(group, record)));
  }

  /** Sends the parked record back to its original topic; empty when there is no such dead letter. */
  public Future<Optional<JsonObject>> redrive(String group, String id) {
    return vertx.<Optional<ConsumerRecord<String, String>>>executeBlocking(() -> locate(group, id))
      .compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.empty()) : resend(group, id, found.get()));
  }

  private Future<Optional<JsonObject>> resend(String group, String id, ConsumerRecord<String, String> parked) {
    String originalTopic = header(parked, DeadLettering.HEADER_TOPIC);
    KafkaProducerRecord<String, String> record = KafkaProducerRecord.create(originalTopic, parked.key(), parked.value());
    for (Header header : parked.headers()) {
      if (!header.key().startsWith(DeadLettering.HEADER_PREFIX) && !header.key().equals(REDRIVE_HEADER)) {
        record.addHeader(KafkaHeader.header(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
      }
    }
    record.addHeader(REDRIVE_HEADER, DeadLettering.deadLetterTopic(group) + "/" + id);
    return producer.send(record).map(sent -> Optional.of(describe(group, parked)
      .put("redrivenTo", new JsonObject().put("topic", originalTopic).put("partition", sent.getPartition())
        .put("offset", sent.getOffset()))));
  }

  private Optional<ConsumerRecord<String, String>> locate(String group, String id) {
    Optional<Position> position = Position.parse(id);
    if (position.isEmpty()) {
      return Optional.empty();
    }
    TopicPartition partition = new TopicPartition(topic(group), position.get().partition());
    long offset = position.get().offset();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(clients.reader())) {
      List<PartitionInfo> partitions = consumer.listTopics(KAFKA_CALL).getOrDefault(partition.topic(), List.of());
      if (partitions.stream().noneMatch(info -> info.partition() == partition.partition())) {
        return Optional.empty();
      }
      List<TopicPartition> assigned = List.of(partition);
      consumer.assign(assigned);
      long end = consumer.endOffsets(assigned, KAFKA_CALL).get(partition);
      if (offset < consumer.beginningOffsets(assigned, KAFKA_CALL).get(partition) || offset >= end) {
        return Optional.empty();
      }
      consumer.seek(partition, offset);
      // an offset may hold no record (a transaction marker): then the first record polled lies past it
      while (consumer.position(partition, KAFKA_CALL) < end) {
        List<ConsumerRecord<String, String>> polled = consumer.poll(POLL).records(partition);
        if (!polled.isEmpty()) {
          return polled.get(0).offset() == offset ? Optional.of(polled.get(0)) : Optional.empty();
        }
      }
      return Optional.empty();
    }
  }

  private Page read(String group, int limit, Cursor cursor) {
    String topic = topic(group);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(clients.reader())) {
      List<PartitionInfo> partitionInfos = consumer.listTopics(KAFKA_CALL).get(topic);
      if (partitionInfos == null) {
        return new Page(List.of(), Optional.empty());
      }
      List<TopicPartition> partitions = partitionInfos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, KAFKA_CALL);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KAFKA_CALL);
      // within the log: records before its start are gone, and a position past its end would be reset to the start
      partitions.forEach(partition -> consumer.seek(partition,
        Math.min(ends.get(partition), Math.max(starts.get(partition), cursor.offset(partition.partition()).orElse(0L)))));
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      // where the next page starts in each partition: the first record this page leaves out, or past all that were read
      Map<Integer, Long> next = new TreeMap<>();
      while (records.size() < limit && partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          if (records.size() < limit) {
            records.add(record);
          } else {
            next.putIfAbsent(record.partition(), record.offset());
          }
        }
      }
      partitions.forEach(partition -> next.putIfAbsent(partition.partition(), consumer.position(partition)));
      boolean more = partitions.stream().anyMatch(partition -> next.get(partition.partition()) < ends.get(partition));
      return new Page(records.stream().map(record -> describe(group, record)).toList(),
        more ? Optional.of(new Cursor(next)) : Optional.empty());
    }
  }

  private String topic(String group) {
    return options.inNamespace(DeadLettering.deadLetterTopic(group));
  }

  private static JsonObject describe(String group, ConsumerRecord<String, String> record) {
    JsonObject headers = new JsonObject();
    record.headers().forEach(header -> headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
    return new JsonObject()
      .put("id", id(record))
      .put("group", group)
      .put("originalTopic", headers.getString(DeadLettering.HEADER_TOPIC))
      .put("originalPartition", Integer.valueOf(headers.getString(DeadLettering.HEADER_PARTITION, "-1")))
      .put("originalOffset", Long.valueOf(headers.getString(DeadLettering.HEADER_OFFSET, "-1")))
      .put("error", headers.getString(DeadLettering.HEADER_ERROR))
      .put("attempts", Integer.valueOf(headers.getString(DeadLettering.HEADER_ATTEMPTS, "0")))
      .put("deadLetteredAt", headers.getString(DeadLettering.HEADER_TIME))
      .put("eventId", headers.getString("ce_id"))
      .put("eventType", headers.getString("ce_type"))
      .put("key", record.key())
      .put("headers", headers)
      .put("value", parse(record.value()));
  }

  private static Object parse(String value) {
    try {
      return new JsonObject(value);
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      return value;
    }
  }

  private static String id(ConsumerRecord<String, String> record) {
    return record.partition() + "-" + record.offset();
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
  /** One page of dead letters, and where the next one starts when more are parked. */
  public record Page(List<JsonObject> deadLetters, Optional<Cursor> next) {
  }

  /**
   * Where a page of dead letters ends: the next offset to read in each partition. Handed to clients
   * as base64url JSON ({@code {"0": 1200, "1": 3}}), opaque to them, checked when it comes back.
   */
  public record Cursor(Map<Integer, Long> nextOffsets) {

    private static final Pattern PARTITION = Pattern.compile("\\d{1,9}");
    public static final Cursor START = new Cursor(Map.of());

    public Cursor {
      nextOffsets = Map.copyOf(nextOffsets);
    }

    Optional<Long> offset(int partition) {
      return Optional.ofNullable(nextOffsets.get(partition));
    }

    public String encode() {
      JsonObject offsets = new JsonObject();
      new TreeMap<>(nextOffsets).forEach((partition, offset) -> offsets.put(String.valueOf(partition), offset));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(offsets.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@code text} encodes; empty when it is not one that {@link #encode} could have made. */
    public static Optional<Cursor> decode(String text) {
      JsonObject offsets;
      try {
        offsets = new JsonObject(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException | DecodeException e) {
        return Optional.empty();
      }
      Map<Integer, Long> nextOffsets = new TreeMap<>();
      for (Map.Entry<String, Object> entry : offsets) {
        if (!PARTITION.matcher(entry.getKey()).matches()
          || !(entry.getValue() instanceof Integer || entry.getValue() instanceof Long)
          || ((Number) entry.getValue()).longValue() < 0) {
          return Optional.empty();
        }
        nextOffsets.put(Integer.valueOf(entry.getKey()), ((Number) entry.getValue()).longValue());
      }
      return Optional.of(new Cursor(nextOffsets));
    }
  }

  /** A dead letter's id, {@code <partition>-<offset>} on its dead-letter topic. */
  private record Position(int partition, long offset) {

    private static final Pattern ID = Pattern.compile("(\\d{1,9})-(\\d{1,19})");

    static Optional<Position> parse(String id) {
      Matcher matcher = ID.matcher(id);
      try {
        return matcher.matches()
          ? Optional.of(new Position(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2))))
          : Optional.empty();
      } catch (NumberFormatException tooLarge) {
        return Optional.empty();
      }
    }
  }
}

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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter topics ({@code orderflow.dlt.<group>}): list and inspect what was parked, and
 * redrive a record to its original topic. Redriving is safe to repeat: the groups' inboxes make a
 * record's effect happen once.
 */
public final class DeadLetters {

  private static final int MAX_LISTED = 1000;
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

  public Future<List<JsonObject>> list(String group) {
    return vertx.executeBlocking(() -> read(group).stream().map(record -> describe(group, record)).toList());
  }

  public Future<Optional<JsonObject>> find(String group, String id) {
    return vertx.executeBlocking(() -> locate(group, id).map(record -> describe(group, record)));
  }

  /** Sends the parked record back to its original topic; empty when there is no such dead letter. */
  public Future<Optional<JsonObject>> redrive(String group, String id) {
    return vertx.<Optional<ConsumerRecord<String, String>>>executeBlocking(() -> locate(group, id))
      .compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.empty()) : resend(group, id, found.get()));
  }

  private Future<Optional<JsonObject>> resend(String group, String id, ConsumerRecord<String, String> parked) {
    String originalTopic = header(parked, DurableSubscription.HEADER_TOPIC);
    KafkaProducerRecord<String, String> record = KafkaProducerRecord.create(originalTopic, parked.key(), parked.value());
    for (Header header : parked.headers()) {
      if (!header.key().startsWith("dlt_") && !header.key().equals(REDRIVE_HEADER)) {
        record.addHeader(KafkaHeader.header(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
      }
    }
    record.addHeader(REDRIVE_HEADER, DurableSubscription.deadLetterTopic(group) + "/" + id);
    return producer.send(record).map(sent -> Optional.of(describe(group, parked)
      .put("redrivenTo", new JsonObject().put("topic", originalTopic).put("partition", sent.getPartition())
        .put("offset", sent.getOffset()))));
  }

  private Optional<ConsumerRecord<String, String>> locate(String group, String id) {
    return read(group).stream().filter(record -> id(record).equals(id)).findFirst();
  }

  private List<ConsumerRecord<String, String>> read(String group) {
    String topic = options.inNamespace(DurableSubscription.deadLetterTopic(group));
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(clients.reader())) {
      List<PartitionInfo> partitionInfos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
      if (partitionInfos == null) {
        return records;
      }
      List<TopicPartition> partitions = partitionInfos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (records.size() < MAX_LISTED && partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static JsonObject describe(String group, ConsumerRecord<String, String> record) {
    JsonObject headers = new JsonObject();
    record.headers().forEach(header -> headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
    return new JsonObject()
      .put("id", id(record))
      .put("group", group)
      .put("originalTopic", headers.getString(DurableSubscription.HEADER_TOPIC))
      .put("originalPartition", Integer.valueOf(headers.getString(DurableSubscription.HEADER_PARTITION, "-1")))
      .put("originalOffset", Long.valueOf(headers.getString(DurableSubscription.HEADER_OFFSET, "-1")))
      .put("error", headers.getString(DurableSubscription.HEADER_ERROR))
      .put("attempts", Integer.valueOf(headers.getString(DurableSubscription.HEADER_ATTEMPTS, "0")))
      .put("deadLetteredAt", headers.getString(DurableSubscription.HEADER_TIME))
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
}

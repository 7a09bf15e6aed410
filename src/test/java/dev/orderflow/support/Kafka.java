package dev.orderflow.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Plain Kafka clients for tests: create topics, read a whole topic (or the event ids on it), produce a raw record. */
public final class Kafka {

  private static final Duration LEADERS = Duration.ofSeconds(30);

  private Kafka() {
  }

  /**
   * Creates {@code topics} and waits until the broker serves a leader for each of their partitions. Kafka answers
   * a creation once its controller committed it; a produce before the broker caught up is refused
   * (NOT_LEADER_OR_FOLLOWER), and an idempotent producer retrying it can stall on out-of-order sequences until
   * its delivery timeout.
   */
  public static void createTopics(String bootstrapServers, List<NewTopic> topics) {
    List<String> names = topics.stream().map(NewTopic::name).toList();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(topics).all().get();
      Await.until("the broker serves a leader for every partition of " + names, LEADERS, () -> everyPartitionLed(admin, names));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean everyPartitionLed(Admin admin, List<String> names) {
    try {
      return admin.describeTopics(names).allTopicNames().get().values().stream()
        .flatMap(topic -> topic.partitions().stream())
        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
    return readAll(bootstrapServers, Map.of(), topic);
  }

  /** Reads with {@code clientProperties} (TLS, SASL) added to the consumer's configuration. */
  public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, Map<String, Object> clientProperties, String topic) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(with(clientProperties, Map.of(
      ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
      ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
      ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** The CloudEvents id ({@code ce_id} header) of every record on {@code topic}, partition by partition; a record without one fails. */
  public static List<String> eventIds(String bootstrapServers, String topic) {
    return readAll(bootstrapServers, topic).stream().map(record -> {
      Header id = record.headers().lastHeader("ce_id");
      if (id == null) {
        throw new IllegalStateException("record without ce_id at " + record.topic() + "-" + record.partition() + "@" + record.offset());
      }
      return new String(id.value(), StandardCharsets.UTF_8);
    }).toList();
  }

  public static void produce(String bootstrapServers, ProducerRecord<String, String> record) {
    produce(bootstrapServers, Map.of(), record);
  }

  /** Produces with {@code clientProperties} (TLS, SASL) added to the producer's configuration. */
  public static void produce(String bootstrapServers, Map<String, Object> clientProperties, ProducerRecord<String, String> record) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(with(clientProperties, Map.of(
      ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
      ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())))) {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> with(Map<String, Object> clientProperties, Map<String, Object> config) {
    Map<String, Object> merged = new HashMap<>(clientProperties);
    merged.putAll(config);
    return merged;
  }
}

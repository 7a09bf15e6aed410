package dev.orderflow;

import dev.orderflow.FloorMeasurement.Limit;
import dev.orderflow.FloorMeasurement.Row;
import dev.orderflow.platform.messaging.EmbeddedKafka;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kafka's part of {@link FloorBenchmark}, on the embedded broker as the jar starts it (one KRaft node
 * in this JVM, 127.0.0.1), with plain kafka-clients: producer, broker and consumer all run in this
 * JVM, so the CPU per record counts all three. 300-byte records, acks=all and idempotence as the
 * relay's producer, topics of 3 partitions as the jar's; consumers commit after each poll, as the
 * jar's consumer groups commit after each batch they handled.
 */
final class KafkaFloor {

  static final int RECORD_BYTES = 300;
  private static final String VALUE = "x".repeat(RECORD_BYTES);
  private static final int BATCH = 10_000;
  private static final Duration POLL = Duration.ofMillis(100);

  /** The rows, named so that FloorBenchmark can multiply them out. */
  record Rows(Row roundTrip, Row produceOne, Row produceBatched, Row consumeBatched, double idleCpuMillisPerSecond) {
    List<Row> all() {
      return List.of(produceBatched, consumeBatched, roundTrip, produceOne);
    }
  }

  private final String bootstrapServers;
  private long keys;

  private KafkaFloor(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  static Rows measure(Path logDir) throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.start(logDir, 0)) {
      KafkaFloor kafka = new KafkaFloor(broker.bootstrapServers());
      try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("floor.latency", 3, (short) 1), new NewTopic("floor.throughput", 3, (short) 1)))
          .all().get(30, TimeUnit.SECONDS);
      }
      Row produceBatched;
      long produced;
      try (KafkaProducer<String, String> producer = kafka.producer(1)) {
        long before = kafka.keys;
        produceBatched = FloorMeasurement.blocking("Kafka produce, batched", "10,000 sends then flush, linger.ms=1",
          Limit.untilJitSettles(), Limit.seconds(3), () -> kafka.sendBatch(producer));
        produced = kafka.keys - before;
      }
      Row consumeBatched = kafka.consumeBatched(produced / BATCH);
      Row[] oneAtATime = kafka.oneAtATime();
      double idle = FloorMeasurement.idleCpuMillisPerSecond(2000);
      return new Rows(oneAtATime[0], oneAtATime[1], produceBatched, consumeBatched, idle);
    }
  }

  /**
   * A record produced (linger.ms=0, the floor; the relay's producer lingers 1 ms) and taken by a
   * consumer polling on its own thread, which commits after each poll; the next record is sent once
   * the last one arrived (the first one waits for the group to form). Then the producer alone,
   * waiting for each acknowledgement.
   */
  private Row[] oneAtATime() throws Exception {
    BlockingQueue<String> arrived = new LinkedBlockingQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread polling = new Thread(() -> {
      try (KafkaConsumer<String, String> consumer = consumer("floor-latency")) {
        consumer.subscribe(List.of("floor.latency"));
        while (!stop.get()) {
          ConsumerRecords<String, String> records = consumer.poll(POLL);
          records.forEach(record -> arrived.add(record.value()));
          if (!records.isEmpty()) {
            consumer.commitSync();
          }
        }
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "floor-consumer");
    polling.start();
    try (KafkaProducer<String, String> producer = producer(0)) {
      FloorMeasurement.Calls roundTrip = () -> {
        producer.send(record("floor.latency"));
        if (arrived.poll(30, TimeUnit.SECONDS) == null) {
          throw new IllegalStateException("no record arrived within 30 s", failure.get());
        }
        return 1;
      };
      roundTrip.run();
      Row roundTrips = FloorMeasurement.blocking("Kafka produce → consume, one record", "one in flight, acks=all, commit per poll",
        Limit.untilJitSettles(), Limit.seconds(2), roundTrip);
      stop.set(true);
      polling.join();
      Row produceOne = FloorMeasurement.blocking("Kafka produce, one record", "send().get(): acknowledged, acks=all",
        Limit.untilJitSettles(), Limit.seconds(2), () -> {
          producer.send(record("floor.latency")).get();
          return 1;
        });
      return new Row[] {roundTrips, produceOne};
    }
  }

  private long sendBatch(KafkaProducer<String, String> producer) throws Exception {
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (int i = 0; i < BATCH; i++) {
      producer.send(record("floor.throughput"), (metadata, e) -> {
        if (e != null) {
          failure.compareAndSet(null, e);
        }
      });
    }
    producer.flush();
    if (failure.get() != null) {
      throw failure.get();
    }
    return BATCH;
  }

  /** What the batched producer wrote, read back by a fresh group: the first fifth as warm-up. */
  private Row consumeBatched(long batches) throws Exception {
    try (KafkaConsumer<String, String> consumer = consumer("floor-throughput")) {
      consumer.subscribe(List.of("floor.throughput"));
      long warmup = Math.max(1, batches / 5);
      // a poll may overshoot a batch, so the last call finds fewer than a batch left: it reads what is left
      long[] unread = {batches * BATCH};
      return FloorMeasurement.blocking("Kafka consume, batched", "max.poll.records=500, commit per poll",
        Limit.calls(warmup, Duration.ofSeconds(30)), Limit.calls(batches - warmup, Duration.ofSeconds(30)), () -> {
          long received = 0;
          while (received < Math.min(BATCH, unread[0])) {
            int records = consumer.poll(Duration.ofSeconds(5)).count();
            if (records == 0) {
              throw new IllegalStateException("the topic ran dry after " + received + " records of a batch");
            }
            received += records;
            consumer.commitSync();
          }
          unread[0] -= received;
          return received;
        });
    }
  }

  private ProducerRecord<String, String> record(String topic) {
    return new ProducerRecord<>(topic, "order-" + keys++, VALUE);
  }

  private KafkaProducer<String, String> producer(int lingerMs) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
    return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
  }

  private KafkaConsumer<String, String> consumer(String group) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
  }
}

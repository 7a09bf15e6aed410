package dev.orderflow.platform.messaging;

import dev.orderflow.platform.Settings;
import dev.orderflow.platform.bus.Discovery;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Databases;
import dev.orderflow.support.TestInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.tools.ProducerPerformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Outbox → Kafka relay throughput next to Kafka's own ProducerPerformance, on the same broker, with
 * the same record size and count, in the same run. The outbox is filled first (group-commit
 * writes of 200-byte events), then the relay is started and timed until the backlog is empty.
 * Run it with {@code bench/messaging.sh}.
 */
public final class OutboxRelayBenchmark {

  private static final int RECORD_BYTES = 200;

  public static void main(String[] args) throws Exception {
    int records = Integer.parseInt(args[0]);
    EmbeddedKafka broker = EmbeddedKafka.start(TestInstance.newDataDir(), 0);
    Vertx vertx = Vertx.vertx();
    try {
      System.out.printf("%d records of %d bytes, one embedded broker, 3 partitions, acks=all%n", records, RECORD_BYTES);
      runProducerPerformance(vertx, broker.bootstrapServers(), records);
      runRelay(vertx, broker.bootstrapServers(), records);
    } finally {
      vertx.close().await();
      broker.close();
    }
    System.exit(0);
  }

  private static void runProducerPerformance(Vertx vertx, String bootstrapServers, int records) throws Exception {
    Messaging setup = messaging(vertx, bootstrapServers);
    setup.ensureTopics("bench.producer-performance").await();
    setup.close().await();
    System.out.println("Kafka ProducerPerformance (acks=all, enable.idempotence=true, linger.ms=1, as the relay's producer):");
    ProducerPerformance.main(new String[] {"--topic", "bench.producer-performance", "--num-records", String.valueOf(records),
      "--record-size", String.valueOf(RECORD_BYTES), "--throughput", "-1", "--producer-props",
      "bootstrap.servers=" + bootstrapServers, "acks=all", "enable.idempotence=true", "linger.ms=1"});
  }

  private static void runRelay(Vertx vertx, String bootstrapServers, int records) {
    Readiness readiness = new Readiness(vertx);
    Database database = Databases.connect(vertx, Settings.catalog().resolve(new JsonObject().put("db", new JsonObject().put("url", "")
        .put("schema-prefix", "").put("readers", 2).put("write-batch-max", 256))),
      TestInstance.newDataDir(), 5000, readiness).open("relaybench").await();
    Messaging messaging = messaging(vertx, bootstrapServers);
    messaging.ensureTopics("bench.relay").await();
    fillOutbox(database, records);

    long started = System.nanoTime();
    OutboxRelay relay = messaging.startRelay(database, "relaybench");
    while (relay.backlog().await() > 0) {
      vertx.timer(20).await();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    relay.stop();
    System.out.printf("Outbox relay: %d events in %.2f s = %.0f events/s (read outbox, produce, mark published)%n",
      records, seconds, records / seconds);
    database.close().await();
    messaging.close().await();
  }

  private static void fillOutbox(Database database, int records) {
    JsonObject data = new JsonObject().put("payload", "x".repeat(RECORD_BYTES - 14));
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      Event event = Event.create("/bench", "orderflow.bench.Filled.v1", "key-" + (i % 1000), data, null, null);
      writes.add(database.write(tx -> {
        Outbox.append(tx, "bench.relay", event);
        return null;
      }));
      if (writes.size() == 10_000) {
        Future.all(writes).await();
        writes.clear();
      }
    }
    Future.all(writes).await();
  }

  private static Messaging messaging(Vertx vertx, String bootstrapServers) {
    return Messaging.create(vertx, KafkaClients.plaintext(bootstrapServers), new JsonObject().put("namespace", "").put("topic-partitions", 3)
      .put("max-attempts", 5).put("retry-initial-ms", 200).put("retry-max-ms", 5000).put("outbox-poll-ms", 100).put("consumer-batch-wait-ms", 0)
      .put("bridge", new JsonObject()), new Readiness(vertx), Discovery.create(vertx, "benchmark", "127.0.0.1"), new SimpleMeterRegistry(), 0);
  }
}

package dev.orderflow.platform.messaging;

import dev.orderflow.platform.bus.Discovery;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.support.TestInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.tools.ProducerPerformance;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Outbox → Kafka relay throughput next to Kafka's own ProducerPerformance, on the same broker, with
 * the same record size and count, in the same run. The outbox is filled first (group-commit
 * writes of 200-byte events), then the relay is started and timed until the backlog is empty.
 * Before either is measured, an unmeasured relay of a smaller outbox warms the broker and the
 * relay's own code, so that each measured phase follows the other workload: run cold after
 * ProducerPerformance, the relay was timed while the JIT compiled its code. The JIT still takes a
 * third of the JVM's CPU in the relay phase (it re-specialises Kafka's code for the other caller),
 * and the machine is shared: the CPU per event printed for each phase is steadier than the rates.
 * Run it with {@code bench/messaging.sh}; {@code records [warm-up events]}, 0 warm-up events measures cold.
 */
public final class OutboxRelayBenchmark {

  private static final int RECORD_BYTES = 200;
  /** The relay's own backlog count scans every unpublished row: polled every 20 ms it took a tenth of the CPU the relay is measured on. */
  private static final String ANY_UNPUBLISHED = "SELECT seq FROM outbox WHERE published_at IS NULL LIMIT 1";

  public static void main(String[] args) throws Exception {
    int records = Integer.parseInt(args[0]);
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : records / 4;
    EmbeddedKafka broker = EmbeddedKafka.start(TestInstance.newDataDir(), 0);
    Vertx vertx = Vertx.vertx();
    try {
      System.out.printf("%d records of %d bytes, one embedded broker, 3 partitions, acks=all%n", records, RECORD_BYTES);
      if (warmUp > 0) {
        double warmUpRate = runRelay(vertx, broker.bootstrapServers(), "relaywarmup", warmUp);
        System.out.printf("Outbox relay warm-up (not measured): %d events, %.0f events/s%n", warmUp, warmUpRate);
      }
      long cpu = cpuNanos();
      runProducerPerformance(vertx, broker.bootstrapServers(), records);
      System.out.printf("ProducerPerformance: %.1f µs of this JVM's CPU per record (broker included)%n", (cpuNanos() - cpu) / 1e3 / records);
      double rate = runRelay(vertx, broker.bootstrapServers(), "relaybench", records);
      System.out.printf("Outbox relay: %d events, %.0f events/s (read outbox, produce, mark published)%n", records, rate);
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
    // the relay's producer properties, so that a producer setting tuned for the relay is the baseline's too (ProducerPerformance sets its own serializers)
    List<String> producerProps = KafkaClients.plaintext(bootstrapServers).producer().entrySet().stream()
      .map(property -> property.getKey() + "=" + property.getValue()).sorted().toList();
    System.out.println("Kafka ProducerPerformance with the relay's producer properties " + producerProps + ":");
    List<String> arguments = new ArrayList<>(List.of("--topic", "bench.producer-performance", "--num-records", String.valueOf(records),
      "--record-size", String.valueOf(RECORD_BYTES), "--throughput", "-1", "--producer-props"));
    arguments.addAll(producerProps);
    ProducerPerformance.main(arguments.toArray(String[]::new));
  }

  /** Fills the outbox of a new database {@code name}, then relays it and answers events per second. */
  private static double runRelay(Vertx vertx, String bootstrapServers, String name, int records) {
    Database database = OutboxFixture.open(vertx, name);
    Messaging messaging = messaging(vertx, bootstrapServers);
    messaging.ensureTopics("bench.relay").await();
    // {"n":123456,"payload":"x…"}: the record's value is RECORD_BYTES long with a six-digit n
    OutboxFixture.fill(database, "bench.relay", records, 1000, RECORD_BYTES - 25);
    System.out.printf("%s: outbox filled with %d events, relaying%n", name, records);

    long started = System.nanoTime();
    long cpu = cpuNanos();
    OutboxRelay relay = messaging.startRelay(database, name);
    while (!database.read(reads -> reads.query(ANY_UNPUBLISHED).isEmpty()).await()) {
      vertx.timer(20).await();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    // on a shared machine the rate follows the CPU the JVM gets; its CPU per event does much less
    System.out.printf("%s: %.1f µs of this JVM's CPU per event (broker included), %.2f cores busy%n", name,
      (cpuNanos() - cpu) / 1e3 / records, (cpuNanos() - cpu) / 1e9 / seconds);
    relay.stop();
    database.close().await();
    messaging.close().await();
    return records / seconds;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static Messaging messaging(Vertx vertx, String bootstrapServers) {
    return Messaging.create(vertx, KafkaClients.plaintext(bootstrapServers), new JsonObject().put("namespace", "").put("topic-partitions", 3).put("topic-replication", 1)
      .put("max-attempts", 5).put("retry-initial-ms", 200).put("retry-max-ms", 5000).put("outbox-poll-ms", 100).put("consumer-batch-wait-ms", 0)
      .put("bridge", new JsonObject()), new Readiness(vertx), Discovery.create(vertx, "benchmark", "127.0.0.1"), new SimpleMeterRegistry(), 0);
  }
}

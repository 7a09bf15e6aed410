package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Vertx;
import org.apache.kafka.tools.ProducerPerformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outbox → Kafka relay throughput next to Kafka's own ProducerPerformance, on the same broker, with
 * the same record size and count and the relay's producer properties, in the same run. The broker is
 * embedded in this JVM. ProducerPerformance runs in a JVM of its own, as Kafka's
 * {@code kafka-producer-perf-test.sh} runs it: in this JVM it shared the JIT with the relay, which then
 * recompiled Kafka's client code for the other caller (a quarter of this JVM's CPU in the relay phase),
 * so each workload's figure depended on the other. Each workload first runs once unmeasured in its own
 * JVM, by default on as many records as it is measured on (the relay on an outbox of its own,
 * ProducerPerformance on a topic of its own), so that both are measured compiled: after a warm-up of a
 * quarter of the records both were still being compiled (ProducerPerformance measured ~200k records/s
 * instead of ~340k, the relay ~18 µs of CPU per event instead of ~14). ProducerPerformance's unmeasured
 * run is what {@code kafka-producer-perf-test.sh} reports in a new JVM; it is printed as the cold figure,
 * and the relay's ratio to it beside the ratio to the measured run. The outbox is filled first
 * (group-commit writes of 200-byte events), then the relay is timed until the backlog is empty.
 * <p>
 * CPU per record: the relay phase's is this JVM's (relay and broker); ProducerPerformance's is its own
 * JVM's, as that JVM measures it around the measured run, plus this JVM's (the broker's) meanwhile. The
 * machine is shared: the CPU per event is steadier than the rates.
 * Run it with {@code bench/messaging.sh}; {@code records [warm-up records]}, 0 warm-up records measures both cold.
 */
public final class OutboxRelayBenchmark {

  private static final int RECORD_BYTES = 200;
  /** The relay's own backlog count scans every unpublished row: polled every 20 ms it took a tenth of the CPU the relay is measured on. */
  private static final String ANY_UNPUBLISHED = "SELECT seq FROM outbox WHERE seq > (SELECT published_through FROM outbox_watermark) LIMIT 1";
  /** What the ProducerPerformance JVM prints before its measured run, and after it with its CPU per record. */
  private static final String MEASURING = "measuring";
  private static final Pattern MEASURED = Pattern.compile("measured, ([0-9.]+) µs of CPU per record");
  private static final Pattern RATE = Pattern.compile("records sent, ([0-9.]+) records/sec");

  private OutboxRelayBenchmark() {
  }

  private record Measured(double perSecond, double cpuMicrosPerRecord) {
  }

  /** ProducerPerformance's measured run, and the rate of its first run in a new JVM (0 without a warm-up). */
  private record ProducerPerformanceFigures(Measured measured, double coldPerSecond) {
  }

  public static void main(String[] args) throws Exception {
    int records = Integer.parseInt(args[0]);
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : records;
    EmbeddedKafka broker = EmbeddedKafka.start(TestInstance.newDataDir(), 0);
    Vertx vertx = Vertx.vertx();
    try {
      System.out.printf("%d records of %d bytes, one embedded broker, 3 partitions, acks=all%n", records, RECORD_BYTES);
      if (warmUp > 0) {
        Measured warmUpRelay = runRelay(vertx, broker.bootstrapServers(), "relaywarmup", warmUp);
        System.out.printf("Outbox relay warm-up (not measured): %d events, %.0f events/s%n", warmUp, warmUpRelay.perSecond());
      }
      ProducerPerformanceFigures producer = runProducerPerformance(vertx, broker.bootstrapServers(), records, warmUp);
      Measured relay = runRelay(vertx, broker.bootstrapServers(), "relaybench", records);
      System.out.printf("Outbox relay: %d events, %.0f events/s (read outbox, produce, mark published)%n", records, relay.perSecond());
      System.out.printf("Outbox relay / ProducerPerformance: %.3f x the rate, %.2f x the CPU per record (broker included in both)%n",
        relay.perSecond() / producer.measured().perSecond(), relay.cpuMicrosPerRecord() / producer.measured().cpuMicrosPerRecord());
      if (producer.coldPerSecond() > 0) {
        System.out.printf("Outbox relay / ProducerPerformance cold (its first %d records in a new JVM): %.3f x the rate%n", warmUp,
          relay.perSecond() / producer.coldPerSecond());
      }
    } finally {
      vertx.close().await();
      broker.close();
    }
    System.exit(0);
  }

  /**
   * Runs {@link ProducerPerformanceJvm} in a child JVM on this one's classpath and answers its measured
   * rate and CPU per record, the broker's CPU in this JVM meanwhile included. A child still running
   * after a generous deadline is stopped, so that it never outlives the benchmark.
   */
  private static ProducerPerformanceFigures runProducerPerformance(Vertx vertx, String bootstrapServers, int records, int warmUp)
    throws Exception {
    Messaging setup = OutboxFixture.messaging(vertx, bootstrapServers);
    setup.ensureTopics("bench.producer-performance", "bench.producer-performance-warmup").await();
    setup.close().await();
    // the relay's producer properties, so that a producer setting tuned for the relay is the baseline's too (ProducerPerformance sets its own serializers)
    List<String> producerProps = KafkaClients.plaintext(bootstrapServers).producer().entrySet().stream()
      .map(property -> property.getKey() + "=" + property.getValue()).sorted().toList();
    System.out.println("Kafka ProducerPerformance in its own JVM, with the relay's producer properties " + producerProps + ":");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    String logging = System.getProperty("logback.configurationFile");
    if (logging != null) {
      command.add("-Dlogback.configurationFile=" + logging);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProducerPerformanceJvm.class.getName(),
      String.valueOf(records), String.valueOf(warmUp)));
    command.addAll(producerProps);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      return readProducerPerformance(child, records);
    } finally {
      if (!child.waitFor(60 + records / 10_000, TimeUnit.SECONDS)) {
        System.out.printf("ProducerPerformance JVM (pid %d) still running: stopped%n", child.pid());
        child.destroyForcibly().waitFor();
      }
    }
  }

  /** Echoes the child's output and takes both runs' figures from it, timing this JVM's (the broker's) CPU over the measured run. */
  private static ProducerPerformanceFigures readProducerPerformance(Process child, int records) throws IOException {
    double coldRate = 0;
    double rate = 0;
    double childCpu = 0;
    long brokerCpuFrom = 0;
    long brokerCpu = 0;
    try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        System.out.println("  " + line);
        Matcher sent = RATE.matcher(line);
        Matcher measured = MEASURED.matcher(line);
        if (line.equals(MEASURING)) {
          brokerCpuFrom = cpuNanos();
        } else if (sent.find()) {
          // ProducerPerformance prints a line every 5 s, then its total: the last line of each run counts
          if (brokerCpuFrom == 0) {
            coldRate = Double.parseDouble(sent.group(1));
          } else {
            rate = Double.parseDouble(sent.group(1));
          }
        } else if (measured.find()) {
          brokerCpu = cpuNanos() - brokerCpuFrom;
          childCpu = Double.parseDouble(measured.group(1));
        }
      }
    }
    if (childCpu == 0) {
      throw new IllegalStateException("the ProducerPerformance JVM ended without its measured run");
    }
    double brokerMicros = brokerCpu / 1e3 / records;
    System.out.printf("ProducerPerformance: %.0f records/s%s, %.1f µs of CPU per record (its JVM %.1f + the broker's JVM %.1f)%n", rate,
      coldRate > 0 ? String.format(" (its first run, in a new JVM: %.0f)", coldRate) : "", childCpu + brokerMicros, childCpu, brokerMicros);
    return new ProducerPerformanceFigures(new Measured(rate, childCpu + brokerMicros), coldRate);
  }

  /** Fills the outbox of a new database {@code name}, then relays it and answers its rate and this JVM's CPU per event. */
  private static Measured runRelay(Vertx vertx, String bootstrapServers, String name, int records) {
    Database database = OutboxFixture.open(vertx, name);
    Messaging messaging = OutboxFixture.messaging(vertx, bootstrapServers);
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
    double cpuMicros = (cpuNanos() - cpu) / 1e3 / records;
    // on a shared machine the rate follows the CPU the JVM gets; its CPU per event does much less
    System.out.printf("%s: %.1f µs of this JVM's CPU per event (broker included), %.2f cores busy%n", name, cpuMicros,
      cpuMicros * records / 1e6 / seconds);
    relay.stop();
    database.close().await();
    messaging.close().await();
    return new Measured(records / seconds, cpuMicros);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * The child JVM: ProducerPerformance on the warm-up topic (unless 0 warm-up records), then the measured
   * run, between {@value #MEASURING} and its own CPU per record. Arguments: records, warm-up records,
   * producer properties.
   */
  static final class ProducerPerformanceJvm {

    private ProducerPerformanceJvm() {
    }

    public static void main(String[] args) throws Exception {
      int records = Integer.parseInt(args[0]);
      int warmUp = Integer.parseInt(args[1]);
      List<String> producerProps = List.of(args).subList(2, args.length);
      if (warmUp > 0) {
        System.out.print("warm-up (not measured): ");
        ProducerPerformance.main(arguments("bench.producer-performance-warmup", warmUp, producerProps));
      }
      System.out.println(MEASURING);
      long cpu = cpuNanos();
      ProducerPerformance.main(arguments("bench.producer-performance", records, producerProps));
      System.out.printf("measured, %.2f µs of CPU per record%n", (cpuNanos() - cpu) / 1e3 / records);
      System.exit(0);
    }

    private static String[] arguments(String topic, int records, List<String> producerProps) {
      List<String> arguments = new ArrayList<>(List.of("--topic", topic, "--num-records", String.valueOf(records),
        "--record-size", String.valueOf(RECORD_BYTES), "--throughput", "-1", "--producer-props"));
      arguments.addAll(producerProps);
      return arguments.toArray(String[]::new);
    }
  }
}

package dev.orderflow.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A three-node KRaft Kafka cluster of separate broker processes ({@code kafka.Kafka} from the Maven
 * Central jars on the test classpath), each a combined broker and controller with a static quorum of
 * all three, on 127.0.0.1 and free ports, formatted with one cluster id: configured from the same
 * template as {@code scripts/kafka-cluster.sh} (replication factor 3, min.insync.replicas 2, internal
 * topics too). Broker {@code i} has node id {@code i + 1}. Stops only the processes it started.
 */
public final class KafkaCluster implements AutoCloseable {

  private static final int BROKERS = 3;
  private static final Path TEMPLATE = Path.of("scripts/kafka-broker.properties");
  private static final Path LOGGING = Path.of("scripts/kafka-logback.xml");
  private static final Duration READY = Duration.ofSeconds(90);
  /** Small: the test machine has two cores and other JVMs to run. */
  private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Path dir;
  private final int[] brokerPorts;
  private final int[] controllerPorts;
  private final Process[] processes;

  private KafkaCluster(Path dir) {
    this.dir = dir;
    this.brokerPorts = IntStream.range(0, BROKERS).map(i -> JarProcess.freePort()).toArray();
    this.controllerPorts = IntStream.range(0, BROKERS).map(i -> JarProcess.freePort()).toArray();
    this.processes = new Process[BROKERS];
  }

  /** Formats and starts three brokers, then waits until each serves. */
  public static KafkaCluster start() {
    KafkaCluster cluster;
    try {
      cluster = new KafkaCluster(Files.createTempDirectory("orderflow-kafka-cluster"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      String clusterId = Uuid.randomUuid().toString();
      List<Process> formats = new ArrayList<>();
      for (int i = 0; i < BROKERS; i++) {
        cluster.writeProperties(i);
        formats.add(cluster.format(i, clusterId));
      }
      for (int i = 0; i < BROKERS; i++) {
        cluster.awaitFormatted(i, formats.get(i));
      }
      for (int i = 0; i < BROKERS; i++) {
        cluster.launch(i);
      }
      for (int i = 0; i < BROKERS; i++) {
        cluster.awaitServing(i);
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return IntStream.of(brokerPorts).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
  }

  /** The node id of broker {@code i}. */
  public static int nodeId(int i) {
    return i + 1;
  }

  /** The broker whose node id is {@code nodeId}. */
  public static int index(int nodeId) {
    return nodeId - 1;
  }

  /** An admin client of the cluster; the caller closes it. */
  public Admin admin() {
    return admin(bootstrapServers());
  }

  private static Admin admin(String bootstrapServers) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
  }

  /** kill -9 of broker {@code i}: no controlled shutdown, no leadership handed over, unflushed log left as it was. */
  public void kill(int i) {
    Process process = processes[i];
    process.destroyForcibly();
    awaitExit(process, i);
  }

  /** Starts broker {@code i} again on its ports and log directory, and waits until it serves again. */
  public void restart(int i) {
    if (processes[i].isAlive()) {
      throw new IllegalStateException("broker " + nodeId(i) + " is running");
    }
    launch(i);
    awaitServing(i);
  }

  public Path log(int i) {
    return dir.resolve("broker-" + nodeId(i) + ".log");
  }

  @Override
  public void close() {
    for (int i = 0; i < BROKERS; i++) {
      if (processes[i] != null && processes[i].isAlive()) {
        processes[i].destroy();
      }
    }
    for (int i = 0; i < BROKERS; i++) {
      if (processes[i] != null) {
        try {
          if (!processes[i].waitFor(15, TimeUnit.SECONDS)) {
            processes[i].destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          processes[i].destroyForcibly();
        }
        awaitExit(processes[i], i);
      }
    }
  }

  /**
   * Waits until broker {@code i} answers on its own port and lists itself: a KRaft broker accepts
   * requests only once it has caught up with the metadata and the controller has unfenced it. (Asking
   * any broker would not do: a killed broker stays listed until its session with the controller expires.)
   */
  private void awaitServing(int i) {
    try (Admin admin = admin("127.0.0.1:" + brokerPorts[i])) {
      Await.until("broker " + nodeId(i) + " serves", READY, () -> {
        if (!processes[i].isAlive()) {
          throw new AssertionError("broker " + nodeId(i) + " exited with " + processes[i].exitValue() + "; see " + log(i));
        }
        try {
          return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().anyMatch(node -> node.id() == nodeId(i));
        } catch (Exception notYet) {
          return false;
        }
      });
    }
  }

  private Path config(int i) {
    return dir.resolve("broker-" + nodeId(i) + ".properties");
  }

  /** scripts/kafka-broker.properties, the template an operator's three-node cluster uses too, filled in for broker {@code i}. */
  private void writeProperties(int i) {
    String voters = IntStream.range(0, BROKERS)
      .mapToObj(voter -> nodeId(voter) + "@127.0.0.1:" + controllerPorts[voter]).collect(Collectors.joining(","));
    try {
      Files.writeString(config(i), Files.readString(TEMPLATE)
        .replace("@NODE_ID@", String.valueOf(nodeId(i)))
        .replace("@BROKER_PORT@", String.valueOf(brokerPorts[i]))
        .replace("@CONTROLLER_PORT@", String.valueOf(controllerPorts[i]))
        .replace("@VOTERS@", voters)
        .replace("@LOG_DIR@", dir.resolve("broker-" + nodeId(i)).toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The StorageTool's format, as an operator runs it: the same cluster id on every broker. */
  private Process format(int i, String clusterId) {
    return java("kafka.tools.StorageTool", List.of("format", "-t", clusterId, "-c", config(i).toString()),
      dir.resolve("broker-" + nodeId(i) + "-format.log"));
  }

  private void awaitFormatted(int i, Process format) {
    try {
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException("formatting broker " + nodeId(i) + " failed: "
          + Files.readString(dir.resolve("broker-" + nodeId(i) + "-format.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void launch(int i) {
    processes[i] = java("kafka.Kafka", List.of(config(i).toString()), log(i));
  }

  private Process java(String mainClass, List<String> arguments, Path output) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-Dlogback.configurationFile=" + LOGGING.toAbsolutePath());
    command.add("-cp");
    command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(mainClass);
    command.addAll(arguments);
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
        .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitExit(Process process, int i) {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("broker " + nodeId(i) + " did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

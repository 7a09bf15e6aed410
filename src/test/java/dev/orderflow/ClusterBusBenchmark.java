package dev.orderflow;

import dev.orderflow.FloorMeasurement.Limit;
import dev.orderflow.FloorMeasurement.Row;
import dev.orderflow.VertxFloor.Loop;
import dev.orderflow.platform.cluster.ClusterNode;
import dev.orderflow.platform.core.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Event-bus request-reply of a small JsonObject, in the same run: on a plain Vert.x across two event
 * loops (the single-instance jar), on a clustered Vert.x to a consumer in the same JVM (a module the
 * caller's node runs), and on a clustered Vert.x to a consumer in a second JVM (a module on another
 * node: TCP over loopback, the message encoded and decoded). Each saturated (64 in flight) and paced
 * (one per millisecond); figures next to the plain Vert.x row as ratios. The second JVM is this class
 * run with {@code echo}, started and stopped by PID by this one; both join a cluster of a fresh name on
 * 127.0.0.1 with the jar's own Hazelcast settings ({@link ClusterNode}).
 */
final class ClusterBusBenchmark {

  private static final String ECHO = "bench.echo";
  private static final String REMOTE_ECHO = "bench.echo.remote";
  private static final int IN_FLIGHT = 64;
  private static final Limit WARMUP = Limit.untilJitSettles();
  private static final Limit MEASURED = Limit.seconds(3);

  private ClusterBusBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("echo")) {
      runEcho(args[1]);
      return;
    }
    String cluster = "orderflow-bench-" + UUID.randomUUID();
    List<Row> rows = new ArrayList<>();
    Vertx plain = Vertx.vertx();
    try {
      rows.addAll(measure(plain, ECHO, "plain Vert.x, two event loops"));
    } finally {
      plain.close().await();
    }
    ClusterNode node = ClusterNode.join(new Metrics(), settings(cluster));
    Process remote = startEcho(cluster);
    try {
      rows.addAll(measure(node.vertx(), ECHO, "clustered, consumer in this JVM"));
      awaitRemoteConsumer(node.vertx());
      Loop caller = new Loop();
      node.vertx().deployVerticle(caller).await();
      rows.addAll(measureFrom(node.vertx(), caller.context(), REMOTE_ECHO, "clustered, consumer in another JVM"));
    } finally {
      remote.destroy();
      remote.waitFor(30, TimeUnit.SECONDS);
      node.vertx().close().await();
    }
    print(rows);
  }

  private static List<Row> measure(Vertx vertx, String address, String what) throws Exception {
    Loop echo = new Echo(address);
    Loop caller = new Loop();
    vertx.deployVerticle(echo).await();
    vertx.deployVerticle(caller).await();
    return measureFrom(vertx, caller.context(), address, what);
  }

  private static List<Row> measureFrom(Vertx vertx, Context caller, String address, String what) throws Exception {
    Supplier<Future<?>> request = () -> vertx.eventBus().request(address, new JsonObject()
      .put("orderId", "8f0c2a4e-2d4b-4c55-9a63-0b1f3f7a9e21").put("sku", "MUG-0001").put("quantity", 1));
    return List.of(
      FloorMeasurement.saturated(what, IN_FLIGHT + " in flight", caller, IN_FLIGHT, WARMUP, MEASURED, request),
      FloorMeasurement.paced(what, "one per ms", caller, MEASURED, request));
  }

  private static void print(List<Row> rows) {
    System.out.println(Row.header() + String.format(Locale.ROOT, " %8s", "ratio"));
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      Row plain = rows.get(i % 2);
      double rate = row.ops() * 1e9 / row.nanos();
      double plainRate = plain.ops() * 1e9 / plain.nanos();
      System.out.println(row.format() + String.format(Locale.ROOT, " %8.3f", rate / plainRate));
    }
    System.out.println("ratio: operations/s over the plain Vert.x row of the same mode, measured in this run");
  }

  /** The jar's cluster settings for a member on 127.0.0.1 of {@code cluster}, without TLS. */
  private static JsonObject settings(String cluster) {
    return new JsonObject().put("name", cluster).put("members", new JsonArray().add("127.0.0.1")).put("host", "127.0.0.1")
      .put("public-host", "").put("port", 5701).put("bus-port", 0).put("tls-enabled", false)
      .put("heartbeat-interval-seconds", 1).put("max-no-heartbeat-seconds", 5);
  }

  /** Waits until the other JVM's consumer answers: Hazelcast has shared its subscription with this node. */
  private static void awaitRemoteConsumer(Vertx vertx) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        vertx.eventBus().request(REMOTE_ECHO, new JsonObject()).await(2, TimeUnit.SECONDS);
        return;
      } catch (Exception notYet) {
        // the subscription has not reached this node yet: ask again
      }
    }
    throw new IllegalStateException("the echo in the other JVM never answered");
  }

  private static Process startEcho(String cluster) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
      "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
      ClusterBusBenchmark.class.getName(), "echo", cluster)
      .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** The far end in its own JVM: joins the cluster, answers on {@link #REMOTE_ECHO} until its standard input closes or it is told to stop. */
  private static void runEcho(String cluster) throws Exception {
    ClusterNode node = ClusterNode.join(new Metrics(), settings(cluster));
    node.vertx().deployVerticle(new Echo(REMOTE_ECHO)).await();
    try (BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      while (input.readLine() != null) {
        // nothing is sent: this only waits for the parent to go away
      }
    } finally {
      node.vertx().close().await();
    }
  }

  private static final class Echo extends Loop {
    private final String address;

    Echo(String address) {
      this.address = address;
    }

    @Override
    public Future<?> start() {
      return vertx.eventBus().<JsonObject>consumer(address, message -> message.reply(new JsonObject().put("status", "RESERVED")))
        .completion();
    }
  }
}

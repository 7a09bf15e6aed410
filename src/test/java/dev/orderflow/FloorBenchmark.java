package dev.orderflow;

import dev.orderflow.FloorMeasurement.Limit;
import dev.orderflow.FloorMeasurement.Row;
import dev.orderflow.platform.sql.JarSqliteUrl;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor of one checkout on this machine: the unit operations a checkout is made of (a durable
 * SQLite commit, an event-bus request-reply, a Kafka record, an HTTP exchange, a JSON round trip),
 * each measured alone in this one JVM as wall latency p50/p99 and process CPU per operation, then
 * multiplied by how many of each one checkout needs; with two kernel rows that explain them (one
 * system call, one wake-up of a sleeping thread). Run it with {@code bench/floors.sh}.
 * Usage: {@code FloorBenchmark [data directory]} (a fresh temporary directory when left out).
 */
public final class FloorBenchmark {

  // Per settled checkout, warm, embedded defaults: counted by bench/e2e.sh from /metrics in the lead's 250/s run
  // (BENCHMARKS.md, "The order path", has 4.07 / 11.08 / 5.23 at 300/s).
  /** orderflow_db_commits_total per checkout: each one fsync of one of the seven module databases. */
  private static final double COMMITS = 4.2;
  /** orderflow_db_writes_total per checkout: the writes those commits hold (each at least one statement). */
  private static final double WRITES = 11.2;
  /** vertx_eventbus_processed_total of requests per checkout. */
  private static final double BUS_ROUND_TRIPS = 5.2;
  /**
   * POST /api/v1/orders from the load generator (only the server half runs in the jar's JVM: counted
   * as half an exchange) and payments' call to the payment provider (client and server in the jar).
   */
  private static final double HTTP_EXCHANGES = 1.5;
  /**
   * Read from the code: orders' outbox writes OrderPlaced and OrderConfirmed on orderflow.orders
   * (OrdersStore.append); three groups read every record of that topic (checkout handles OrderPlaced,
   * notifications-orders and analytics-orders OrderConfirmed, each skips the other); and one
   * CustomerRegistered per 50 orders (the load generator's default customers), read by two groups.
   */
  private static final double RECORDS_PRODUCED = 2 + 1 / 50.0;
  private static final double RECORDS_CONSUMED = 2 * 3 + 2 / 50.0;
  /**
   * An estimate, not a count: the two events (encoded into the outbox, decoded by three groups), the
   * two HTTP exchanges (request and answer), the order view and the saga state stored as JSON text.
   */
  private static final double JSON_ROUND_TRIPS = 10;
  private static final double TARGET_MS = 1.5;
  /** BENCHMARKS.md: warm (120 s of warm-up), 250/s offered, 243.9 settled/s, at a78522b. */
  private static final double MEASURED_MS = 5.58;
  private static final String SQL_PAYLOAD = "x".repeat(100);

  private final List<Row> rows = new ArrayList<>();

  private record SqliteRows(Row full, Row normal, Row batched) {
  }

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    FloorBenchmark benchmark = new FloorBenchmark();
    Path dataDir = args.length > 0 ? Path.of(args[0]) : TestInstance.newDataDir();
    System.out.printf(Locale.ROOT, "%d cores, Java %s, max heap %d MB, data in %s, load average %s; everything runs in this one JVM.%n",
      Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20, dataDir, loadAverage());
    System.out.printf(Locale.ROOT, "idle process CPU at start: %.1f ms/s%n", FloorMeasurement.idleCpuMillisPerSecond(1000));
    Row syscall = benchmark.add(syscall());
    Row[] wakeUps = wakeUps();
    benchmark.rows.addAll(List.of(wakeUps));
    Row json = benchmark.add(json());
    SqliteRows sqlite = benchmark.sqlite(dataDir);
    VertxFloor.Rows vertx = VertxFloor.measure();
    benchmark.rows.addAll(vertx.all());
    KafkaFloor.Rows kafka = KafkaFloor.measure(dataDir.resolve("kafka"));
    benchmark.rows.addAll(kafka.all());
    System.out.printf(Locale.ROOT, "idle process CPU with the embedded broker, warm, no clients: %.1f ms/s%n%n", kafka.idleCpuMillisPerSecond());
    System.out.println(Row.header());
    benchmark.rows.forEach(row -> System.out.println(row.format()));
    System.out.printf(Locale.ROOT, "(CPU/op: every thread of this JVM, the JIT compiler's left out and shown apart; one system call costs"
      + " %.1f µs of CPU here, one wake-up of a thread %.1f µs back to back and %.1f µs once a millisecond)%n%n", syscall.cpuMicrosPerOp(),
      wakeUps[0].cpuMicrosPerOp() / 2, wakeUps[1].cpuMicrosPerOp() / 2);
    floor("the floor: each operation at its cheapest (pipelined, batched)", List.of(
      new Term(COMMITS, "durable commits of one row (FULL)", sqlite.full().cpuMicrosPerOp()),
      new Term(WRITES - COMMITS, "more writes, each a row in a batch", sqlite.batched().cpuMicrosPerOp()),
      new Term(BUS_ROUND_TRIPS, "bus round trips, saturated", vertx.busSaturated().cpuMicrosPerOp()),
      new Term(HTTP_EXCHANGES, "HTTP exchanges, saturated", vertx.httpSaturated().cpuMicrosPerOp()),
      new Term(RECORDS_PRODUCED, "Kafka records produced, batched", kafka.produceBatched().cpuMicrosPerOp()),
      new Term(RECORDS_CONSUMED, "Kafka records consumed, batched", kafka.consumeBatched().cpuMicrosPerOp()),
      new Term(JSON_ROUND_TRIPS, "JSON encode+decode of ~1 KB (estimated count)", json.cpuMicrosPerOp())));
    floor("the same operations one at a time (a low rate, every hop waking a sleeping thread; an upper bound, the jar batches some)", List.of(
      new Term(COMMITS, "durable commits of one row (FULL)", sqlite.full().cpuMicrosPerOp()),
      new Term(WRITES - COMMITS, "more writes, each a row in a batch", sqlite.batched().cpuMicrosPerOp()),
      new Term(BUS_ROUND_TRIPS, "bus round trips, paced", vertx.busPaced().cpuMicrosPerOp()),
      new Term(HTTP_EXCHANGES, "HTTP exchanges, paced", vertx.httpPaced().cpuMicrosPerOp()),
      new Term(RECORDS_PRODUCED, "Kafka records produced, acknowledged one by one", kafka.produceOne().cpuMicrosPerOp()),
      new Term(RECORDS_CONSUMED, "Kafka records consumed one by one (round trip − produce)",
        Math.max(0, kafka.roundTrip().cpuMicrosPerOp() - kafka.produceOne().cpuMicrosPerOp())),
      new Term(JSON_ROUND_TRIPS, "JSON encode+decode of ~1 KB (estimated count)", json.cpuMicrosPerOp())));
    System.out.println("Not counted: 3 log lines per checkout, SQL reads, the modules' own logic, timers and pollers.");
    System.out.printf(Locale.ROOT, "%.0f s in all, load average at the end %s%n", (System.nanoTime() - started) / 1e9, loadAverage());
    System.exit(0);
  }

  private record Term(double count, String what, double cpuMicros) {
  }

  private static void floor(String title, List<Term> terms) {
    System.out.println("per checkout, " + title + ":");
    double sum = 0;
    for (Term term : terms) {
      double ms = term.count() * term.cpuMicros() / 1e3;
      sum += ms;
      System.out.printf(Locale.ROOT, "  %6.2f × %8.1f µs  %-56s = %6.3f ms%n", term.count(), term.cpuMicros(), term.what(), ms);
    }
    System.out.printf(Locale.ROOT, "  sum per checkout: %.2f ms of CPU   (target %.1f ms; measured warm %.2f ms, %.1f × this sum)%n%n",
      sum, TARGET_MS, MEASURED_MS, MEASURED_MS / sum);
  }

  private static String loadAverage() throws Exception {
    return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
  }

  /** One read(2) of one byte from /dev/zero: the cost of entering the kernel and leaving it. */
  private static Row syscall() throws Exception {
    try (FileChannel zero = FileChannel.open(Path.of("/dev/zero"))) {
      ByteBuffer oneByte = ByteBuffer.allocateDirect(1);
      return FloorMeasurement.blocking("system call: read 1 byte of /dev/zero", "one thread, back to back", Limit.untilJitSettles(),
        Limit.seconds(1), () -> {
          oneByte.clear();
          return zero.read(oneByte);
        });
    }
  }

  /**
   * Two threads waking each other in turn (LockSupport.unpark, a futex): a round trip is two
   * wake-ups; back to back, then once a millisecond (both threads asleep in between).
   */
  private static Row[] wakeUps() throws Exception {
    Thread caller = Thread.currentThread();
    AtomicLong turn = new AtomicLong();
    Thread partner = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        long now = turn.get();
        if (now % 2 == 1) {
          turn.set(now + 1);
          LockSupport.unpark(caller);
        } else {
          LockSupport.park();
        }
      }
    }, "floor-partner");
    FloorMeasurement.Calls roundTrip = () -> {
      long sent = turn.incrementAndGet();
      LockSupport.unpark(partner);
      while (turn.get() != sent + 1) {
        LockSupport.park();
      }
      return 1;
    };
    partner.start();
    try {
      String what = "thread wake-up round trip (two wake-ups)";
      return new Row[] {
        FloorMeasurement.blocking(what, "park/unpark ping-pong, back to back", Limit.untilJitSettles(), Limit.seconds(1), roundTrip),
        FloorMeasurement.blockingPaced(what, "park/unpark ping-pong, one per ms", Limit.seconds(1.5), roundTrip)};
    } finally {
      partner.interrupt();
      partner.join();
    }
  }

  /** Encode and decode of an order-sized JSON object, on this thread. */
  private static Row json() throws Exception {
    JsonObject order = order();
    return FloorMeasurement.blocking("JSON encode+decode, order of " + order.encode().length() + " bytes",
      "one thread, back to back", Limit.untilJitSettles(), Limit.seconds(1.5), () -> {
        return new JsonObject(order.encode()).size() > 0 ? 1 : 0;
      });
  }

  private static JsonObject order() {
    JsonArray lines = new JsonArray();
    for (int i = 1; i <= 6; i++) {
      lines.add(new JsonObject().put("sku", "MUG-000" + i).put("name", "Stoneware mug, 350 ml, glazed").put("quantity", i)
        .put("unitPrice", 12.50).put("lineTotal", 12.50 * i));
    }
    return new JsonObject().put("id", "8f0c2a4e-2d4b-4c55-9a63-0b1f3f7a9e21").put("customerId", "1d7e6b0c-95b2-4b7e-8f6e-3b3c8f0f2a10")
      .put("status", "PENDING").put("reason", null).put("version", 1).put("currency", "EUR").put("total", 262.50).put("lines", lines)
      .put("cancellationRequested", false).put("correlationId", "c0a8012e-6f3b-4d2a-b1c4-7e9d5a3f8b62")
      .put("placedAt", "2026-12-06T21:00:00.000Z").put("updatedAt", "2026-12-06T21:00:00.000Z");
  }

  /** Commits through plain JDBC on the jar's SQLite URL: one small row per commit (FULL, then NORMAL), and 100 rows per commit. */
  private SqliteRows sqlite(Path dataDir) throws Exception {
    String normal = JarSqliteUrl.forModule(dataDir, "floor-normal").replace("synchronous=FULL", "synchronous=NORMAL");
    if (!normal.contains("synchronous=NORMAL")) {
      throw new IllegalStateException("the jar's SQLite URL no longer says synchronous=FULL: " + normal);
    }
    return new SqliteRows(
      add(commits(JarSqliteUrl.forModule(dataDir, "floor-full"), "SQLite commit of one 100-byte row", 1, Limit.seconds(2))),
      add(commits(normal, "SQLite commit of one 100-byte row", 1, Limit.seconds(1.5))),
      add(commits(JarSqliteUrl.forModule(dataDir, "floor-batch"), "SQLite row inside a 100-row commit", 100, Limit.seconds(2))));
  }

  private static Row commits(String url, String what, int rowsPerCommit, Limit measured) throws Exception {
    try (Connection connection = DriverManager.getConnection(url)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE floor (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
      }
      String mode = pragma(connection, "journal_mode") + ", synchronous=" + pragma(connection, "synchronous")
        + (rowsPerCommit > 1 ? ", latency per commit" : "");
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO floor (payload) VALUES (?)")) {
        return FloorMeasurement.blocking(what, mode, Limit.untilJitSettles(), measured, () -> {
          for (int i = 0; i < rowsPerCommit; i++) {
            insert.setString(1, SQL_PAYLOAD);
            insert.executeUpdate();
          }
          connection.commit();
          return rowsPerCommit;
        });
      }
    }
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("PRAGMA " + name)) {
      result.next();
      String value = result.getString(1);
      return name.equals("synchronous") ? List.of("OFF", "NORMAL", "FULL", "EXTRA").get(Integer.parseInt(value)) : value.toUpperCase(Locale.ROOT);
    }
  }

  private Row add(Row row) {
    rows.add(row);
    return row;
  }
}

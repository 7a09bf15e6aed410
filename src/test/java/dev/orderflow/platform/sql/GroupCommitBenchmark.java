package dev.orderflow.platform.sql;

import dev.orderflow.platform.Settings;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Closed-loop write benchmark on one table: a fixed number of writes in flight, each one
 * inserting a 200-byte row, for a fixed time, first with one transaction per write on a single
 * JDBC connection (each write a blocking task of its own, in order), then through the group-commit
 * writer (its own thread and JDBC connection). Run it with {@code bench/group-commit.sh}.
 */
public final class GroupCommitBenchmark {

  private static final String PAYLOAD = "x".repeat(200);
  private static final int WARMUP_SECONDS = 3;
  private static final String SCHEMA_PREFIX = Postgres.uniqueSchemaPrefix();

  private final Vertx vertx = Vertx.vertx();
  private final AtomicLong ids = new AtomicLong();
  private final Database database;
  private final Connection perWrite;

  private GroupCommitBenchmark(String vendor) {
    JsonObject config = Settings.catalog().resolve(new JsonObject().put("db", new JsonObject()
      .put("url", vendor.equals("sqlite") ? "" : Postgres.URL)
      .put("schema-prefix", SCHEMA_PREFIX)
      .put("readers", 1)
      .put("write-batch-max", 256)
      // the writer's own ceiling: paced, a closed loop of n writes in flight could not pass n writes per interval
      .put("commit-interval-us", 0)));
    Databases databases = Databases.connect(vertx, config, TestInstance.newDataDir(), 5000, new Readiness(vertx));
    database = databases.open("groupcommit").await();
    try {
      perWrite = databases.connection("groupcommit", false);
      perWrite.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws Exception {
    String vendor = args[0];
    int seconds = Integer.parseInt(args[1]);
    int inFlight = Integer.parseInt(args[2]);
    GroupCommitBenchmark benchmark = new GroupCommitBenchmark(vendor);
    try {
      System.out.printf("%s, %d writes in flight, %d s per measurement after %d s warm-up, 200-byte rows%n",
        vendor, inFlight, seconds, WARMUP_SECONDS);
      benchmark.measure("one transaction per write", benchmark::transactionPerWrite, seconds, inFlight);
      long batchesBefore = benchmark.database.committedBatches();
      benchmark.measure("group commit", benchmark::groupCommit, seconds, inFlight);
      System.out.printf("group commit: %d transactions committed in all%n", benchmark.database.committedBatches() - batchesBefore);
    } finally {
      benchmark.perWrite.close();
      benchmark.database.close().await();
      benchmark.vertx.close().await();
      if (!vendor.equals("sqlite")) {
        Postgres.dropSchemas(SCHEMA_PREFIX);
      }
    }
  }

  private Future<Integer> transactionPerWrite(String id) {
    return vertx.executeBlocking(() -> {
      try (PreparedStatement insert = perWrite.prepareStatement("INSERT INTO rows_written (id, payload) VALUES (?, ?)")) {
        insert.setString(1, id);
        insert.setString(2, PAYLOAD);
        int inserted = insert.executeUpdate();
        perWrite.commit();
        return inserted;
      }
    });
  }

  private Future<Integer> groupCommit(String id) {
    return database.write(tx -> tx.update("INSERT INTO rows_written (id, payload) VALUES (#{id}, #{payload})", Map.of("id", id, "payload", PAYLOAD)));
  }

  private void measure(String name, Function<String, Future<Integer>> write, int seconds, int inFlight) throws InterruptedException {
    run(write, WARMUP_SECONDS, inFlight);
    Run run = run(write, seconds, inFlight);
    long[] latencies = Arrays.copyOf(run.latenciesNanos, Math.min(run.completed.get(), run.latenciesNanos.length));
    Arrays.sort(latencies);
    System.out.printf("%-26s %8.0f writes/s   p50 %6.2f ms   p99 %6.2f ms   (%d writes, %d failed)%n",
      name + ":", run.completed.get() / (run.elapsedNanos / 1e9), percentile(latencies, 0.50), percentile(latencies, 0.99),
      run.completed.get(), run.failed.get());
  }

  private Run run(Function<String, Future<Integer>> write, int seconds, int inFlight) throws InterruptedException {
    Run run = new Run(seconds);
    CountDownLatch loops = new CountDownLatch(inFlight);
    long started = System.nanoTime();
    long deadline = started + seconds * 1_000_000_000L;
    vertx.runOnContext(ignored -> {
      for (int i = 0; i < inFlight; i++) {
        next(write, run, deadline, loops);
      }
    });
    loops.await();
    run.elapsedNanos = System.nanoTime() - started;
    return run;
  }

  private void next(Function<String, Future<Integer>> write, Run run, long deadline, CountDownLatch loops) {
    if (System.nanoTime() >= deadline) {
      loops.countDown();
      return;
    }
    long sent = System.nanoTime();
    write.apply("row-" + ids.incrementAndGet()).onComplete(done -> {
      if (done.succeeded()) {
        int index = run.completed.getAndIncrement();
        if (index < run.latenciesNanos.length) {
          run.latenciesNanos[index] = System.nanoTime() - sent;
        }
      } else {
        run.failed.incrementAndGet();
      }
      next(write, run, deadline, loops);
    });
  }

  private static double percentile(long[] sorted, double fraction) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.round(fraction * (sorted.length - 1)))] / 1e6;
  }

  private static final class Run {
    final long[] latenciesNanos;
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    long elapsedNanos;

    Run(int seconds) {
      latenciesNanos = new long[Math.max(1_000_000, seconds * 200_000)];
    }
  }
}

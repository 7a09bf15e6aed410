package dev.orderflow;

import dev.orderflow.platform.core.NewIds;
import dev.orderflow.platform.sql.JarSqliteUrl;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the order of keys costs a SQLite group commit: random (UUID version 4) against time-ordered
 * (version 7, {@link NewIds}) keys, each in a database opened as the jar opens one (WAL,
 * {@code synchronous=FULL}), two tables keyed by a UUID (an inbox-like one and a view-like one with a
 * 300-byte body), {@value #ROWS_BEFORE} rows in each first, then {@value #COMMITS} commits of
 * {@value #ROWS_PER_COMMIT} rows per table; CPU of the committing thread and wall time per commit,
 * each kind twice, alternating. Run by {@code bench/floors.sh}.
 * Usage: {@code KeyOrderBenchmark [data directory]} (a fresh temporary directory when left out).
 */
public final class KeyOrderBenchmark {

  private static final int ROWS_BEFORE = 200_000;
  private static final int COMMITS = 2_000;
  private static final int ROWS_PER_COMMIT = 3;
  private static final String BODY = "x".repeat(300);

  private KeyOrderBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path dataDir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("orderflow-key-order");
    System.out.printf("SQLite group commits by key order: %d rows per table first, then %d commits of %d rows in each of 2 tables%n",
      ROWS_BEFORE, COMMITS, ROWS_PER_COMMIT);
    for (int round = 1; round <= 2; round++) {
      measure(dataDir, "random-" + round, "random (v4)", () -> UUID.randomUUID().toString());
      measure(dataDir, "ordered-" + round, "time-ordered (v7)", NewIds::next);
    }
  }

  private static void measure(Path dataDir, String database, String keys, Supplier<String> ids) throws SQLException {
    try (Connection connection = DriverManager.getConnection(JarSqliteUrl.forModule(dataDir, database))) {
      try (Statement schema = connection.createStatement()) {
        schema.execute("CREATE TABLE inbox (event_id VARCHAR(64) PRIMARY KEY, group_id TEXT, handled_at BIGINT)");
        schema.execute("CREATE TABLE view (order_id VARCHAR(64) PRIMARY KEY, customer_id TEXT, state TEXT, body TEXT)");
      }
      connection.setAutoCommit(false);
      try (PreparedStatement inbox = connection.prepareStatement("INSERT INTO inbox VALUES (?, 'group', 1)");
           PreparedStatement view = connection.prepareStatement("INSERT INTO view VALUES (?, 'customer', 'PLACED', ?)")) {
        for (int row = 1; row <= ROWS_BEFORE; row++) {
          insert(inbox, view, ids);
          if (row % 5_000 == 0) {
            connection.commit();
          }
        }
        connection.commit();
        long cpuBefore = threadCpuNanos();
        long wallBefore = System.nanoTime();
        for (int commit = 0; commit < COMMITS; commit++) {
          for (int row = 0; row < ROWS_PER_COMMIT; row++) {
            insert(inbox, view, ids);
          }
          connection.commit();
        }
        System.out.printf(Locale.ROOT, "  %-18s %7.1f µs CPU per commit, %8.1f µs wall per commit%n", keys,
          (threadCpuNanos() - cpuBefore) / 1e3 / COMMITS, (System.nanoTime() - wallBefore) / 1e3 / COMMITS);
      }
    }
  }

  private static void insert(PreparedStatement inbox, PreparedStatement view, Supplier<String> ids) throws SQLException {
    inbox.setString(1, ids.get());
    inbox.executeUpdate();
    view.setString(1, ids.get());
    view.setString(2, BODY);
    view.executeUpdate();
  }

  private static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}

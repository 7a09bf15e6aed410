package dev.orderflow.platform.sql;

import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.platform.core.Wiring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.healthchecks.Status;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.PGProperty;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Opens each module's database: migrates it with Flyway from {@code db/<module>/common} plus
 * {@code db/<module>/<vendor>} where types differ, then builds its readers (threads with one
 * read-only JDBC connection each), its single group-commit writer (one JDBC connection on a thread
 * of its own) and its retention job, and registers it with readiness.
 */
public final class Databases {

  private final Vertx vertx;
  private final DatabaseUrl url;
  private final int readers;
  private final int writeBatchMax;
  private final Duration commitInterval;
  private final int commitEarlyWrites;
  private final Retention.Options retention;
  private final Readiness readiness;
  private final Map<String, Future<Void>> migrations = new ConcurrentHashMap<>();
  /** Listed by the first migration, then shared by all; see {@link #scripts}. */
  private MigrationScripts scripts;

  private Databases(Vertx vertx, DatabaseUrl url, int readers, int writeBatchMax, Duration commitInterval, int commitEarlyWrites,
                    Retention.Options retention, Readiness readiness) {
    this.vertx = vertx;
    this.url = url;
    this.readers = readers;
    this.writeBatchMax = writeBatchMax;
    this.commitInterval = commitInterval;
    this.commitEarlyWrites = commitEarlyWrites;
    this.retention = retention;
    this.readiness = readiness;
  }

  /** Blocking: validates the URL and checks that the database answers. */
  @Wiring
  public static Databases connect(Vertx vertx, JsonObject config, Path dataDir, int checkTimeoutMs, Readiness readiness) {
    JsonObject db = config.getJsonObject("db");
    DatabaseUrl url = DatabaseUrl.from(db.getString("url"), dataDir, db.getString("schema-prefix"));
    Databases databases = new Databases(vertx, url, db.getInteger("readers"), db.getInteger("write-batch-max"),
      Duration.of(db.getInteger("commit-interval-us"), ChronoUnit.MICROS), db.getInteger("commit-early-writes"),
      Retention.Options.from(db.getJsonObject("retention")), readiness);
    databases.checkReachable(checkTimeoutMs);
    return databases;
  }

  public String describe() {
    return url.describe();
  }

  @Wiring
  public Retention.Options retention() {
    return retention;
  }

  /**
   * Starts migrating, side by side on worker threads, the database of each of {@code modules} that
   * has migrations of its own, so that startup does the migrations while it starts Kafka and the
   * modules before; {@link #open} then waits for its module's. Each module has its own database
   * (a SQLite file or a PostgreSQL schema), so their migrations do not touch one another.
   */
  @Wiring
  public void migrateAhead(Collection<String> modules) {
    modules.stream().filter(module -> Databases.class.getClassLoader().getResource("db/" + module) != null).forEach(this::migration);
  }

  /** Migrates (unless {@link #migrateAhead} already did) and opens the database of {@code module}; the caller closes it when it stops. */
  public Future<Database> open(String module) {
    // the migration may have been started from another context: what follows it (the module's readers, writer,
    // timers and child verticles) belongs to the caller's
    return Future.fromCompletionStage(migration(module).toCompletionStage(), vertx.getOrCreateContext())
      .map(migrated -> {
        Readers reads = new Readers(vertx, module, readers, () -> connection(module, true));
        GroupCommitWriter writer = new GroupCommitWriter(vertx, module, () -> connection(module, false), writeBatchMax, commitInterval,
          commitEarlyWrites);
        String check = "database-" + module;
        readiness.registerDependency(check, () -> reads.read(queries -> queries.query("SELECT 1")).map(rows -> health(writer)));
        Retention pruning = new Retention(vertx, module, writer, retention, url.vendor());
        pruning.start();
        return new Database(url.vendor().folder(), reads, writer, pruning, role -> lease(module, role),
          () -> readiness.unregisterDependency(check));
      });
  }

  /** Only PostgreSQL is shared between instances; an embedded SQLite file belongs to this process. */
  private Lease lease(String module, String role) {
    return url.vendor() == DatabaseUrl.Vendor.SQLITE
      ? Lease.always(vertx, role)
      : Lease.advisoryLock(vertx, role, () -> connection(module, false));
  }

  /** Reads answered; ready only if the last group commit could also write. */
  private Status health(GroupCommitWriter writer) {
    JsonObject data = new JsonObject().put("vendor", url.vendor().folder());
    return writer.writePathFailure()
      .map(reason -> Status.KO(data.put("writes", "failing: " + DatabaseUrl.masked(reason))))
      .orElseGet(() -> Status.OK(data.put("writes", "ok")));
  }

  /**
   * A JDBC connection of the writer or a reader: the same URL as Flyway's (for SQLite it carries
   * WAL, synchronous=FULL and the busy timeout), on PostgreSQL with the module's schema first in
   * its path. A reader's cannot write: SQLite opens the file read-only, PostgreSQL makes every
   * transaction of the session read-only.
   */
  Connection connection(String module, boolean readOnly) throws SQLException {
    Properties properties = new Properties();
    if (url.vendor() == DatabaseUrl.Vendor.SQLITE) {
      if (readOnly) {
        properties.setProperty(SQLiteConfig.Pragma.OPEN_MODE.pragmaName, String.valueOf(SQLiteOpenMode.READONLY.flag));
      }
      return DriverManager.getConnection(url.jdbcUrlFor(module), properties);
    }
    PgConnectOptions options = url.pgOptions();
    PGProperty.USER.set(properties, options.getUser());
    PGProperty.PASSWORD.set(properties, options.getPassword());
    // pgjdbc applies read-only to statements outside an explicit transaction only in this mode
    PGProperty.READ_ONLY_MODE.set(properties, "always");
    Connection connection = DriverManager.getConnection(url.jdbcUrlFor(module), properties);
    connection.setSchema(url.schemaFor(module));
    connection.setReadOnly(readOnly);
    return connection;
  }

  /** The one migration of {@code module}'s database in this process; a failed one is tried again by the next caller. */
  private Future<Void> migration(String module) {
    return migrations.compute(module, (name, earlier) -> earlier == null || earlier.failed()
      ? vertx.executeBlocking(() -> {
          migrate(name);
          return null;
        }, false)
      : earlier);
  }

  /**
   * Two Flyway histories per database: the platform's own tables (outbox, inbox) and the module's,
   * so that each side numbers its migrations independently.
   */
  private void migrate(String module) {
    flyway(module, "platform").table("flyway_platform_history").load().migrate();
    flyway(module, module).load().migrate();
  }

  /** Flyway for the history of {@code owner}'s migrations in {@code module}'s database. */
  private FluentConfiguration flyway(String module, String owner) {
    // Each history starts at a version-0 baseline: the other history's tables share the schema.
    FluentConfiguration flyway = Flyway.configure().baselineOnMigrate(true).baselineVersion("0")
      .resourceProvider(scripts().provider(migrationFolders(owner))).javaMigrationClassProvider(List::of);
    if (url.vendor() == DatabaseUrl.Vendor.SQLITE) {
      flyway.dataSource(url.jdbcUrlFor(module), null, null);
    } else {
      PgConnectOptions options = url.pgOptions();
      String schema = url.schemaFor(module);
      flyway.dataSource(url.jdbcUrlFor(module), options.getUser(), options.getPassword())
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true);
    }
    return flyway;
  }

  /** Blocking, once: the migrations of every module run side by side and wait for the first to list them. */
  private synchronized MigrationScripts scripts() {
    if (scripts == null) {
      scripts = MigrationScripts.onClassPath(Databases.class.getClassLoader());
    }
    return scripts;
  }

  private List<String> migrationFolders(String owner) {
    return List.of("db/" + owner + "/common", "db/" + owner + "/" + url.vendor().folder());
  }

  private void checkReachable(int timeoutMs) {
    if (url.vendor() == DatabaseUrl.Vendor.SQLITE) {
      createDataDir();
      return;
    }
    Pool probe = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
      .with(new NetClientOptions().setConnectTimeout(timeoutMs))
      .connectingTo(url.pgOptions()).using(vertx).build();
    try {
      probe.query("SELECT 1").execute().await(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw StartupException.of(DatabaseUrl.SETTING, "no PostgreSQL answered at " + DatabaseUrl.masked(url.url())
        + ": " + (e.getMessage() == null ? "timed out after " + timeoutMs + " ms" : DatabaseUrl.masked(e.getMessage())));
    } finally {
      probe.close();
    }
  }

  private void createDataDir() {
    try {
      Files.createDirectories(url.dataDir());
    } catch (IOException e) {
      throw StartupException.of("ORDERFLOW_DATA_DIR", "cannot create " + url.dataDir() + ": " + new UncheckedIOException(e).getMessage());
    }
  }
}

package dev.orderflow.platform.sql;

import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.platform.core.Wiring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.healthchecks.Status;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens each module's database: migrates it with Flyway from {@code db/<module>/common} plus
 * {@code db/<module>/<vendor>} where types differ, then builds its read pool, its single
 * group-commit writer (one JDBC connection on a thread of its own) and its retention job, and
 * registers it with readiness.
 */
public final class Databases {

  private final Vertx vertx;
  private final DatabaseUrl url;
  private final int readPoolSize;
  private final int writeBatchMax;
  private final Retention.Options retention;
  private final Readiness readiness;

  private Databases(Vertx vertx, DatabaseUrl url, int readPoolSize, int writeBatchMax, Retention.Options retention, Readiness readiness) {
    this.vertx = vertx;
    this.url = url;
    this.readPoolSize = readPoolSize;
    this.writeBatchMax = writeBatchMax;
    this.retention = retention;
    this.readiness = readiness;
  }

  /** Blocking: validates the URL and checks that the database answers. */
  @Wiring
  public static Databases connect(Vertx vertx, JsonObject config, Path dataDir, int checkTimeoutMs, Readiness readiness) {
    JsonObject db = config.getJsonObject("db");
    DatabaseUrl url = DatabaseUrl.from(db.getString("url"), dataDir, db.getString("schema-prefix"));
    Databases databases = new Databases(vertx, url, db.getInteger("read-pool-size"), db.getInteger("write-batch-max"),
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

  /** Migrates and opens the database of {@code module}; the caller closes it when it stops. */
  public Future<Database> open(String module) {
    return vertx.<Void>executeBlocking(() -> {
        migrate(module);
        return null;
      })
      .map(migrated -> {
        Pool reads = pool(module, readPoolSize);
        GroupCommitWriter writer = new GroupCommitWriter(vertx, module, () -> writerConnection(module), writeBatchMax);
        String check = "database-" + module;
        readiness.registerDependency(check, () -> reads.query("SELECT 1").execute().map(rows -> health(writer)));
        Retention pruning = new Retention(vertx, module, writer, retention);
        pruning.start();
        return new Database(url.vendor().folder(), reads, writer, pruning, role -> lease(module, role),
          () -> readiness.unregisterDependency(check));
      });
  }

  /** Only PostgreSQL is shared between instances; an embedded SQLite file belongs to this process. */
  private Lease lease(String module, String role) {
    return url.vendor() == DatabaseUrl.Vendor.SQLITE
      ? Lease.always(vertx, role)
      : Lease.advisoryLock(vertx, role, () -> writerConnection(module));
  }

  /** Reads answered; ready only if the last group commit could also write. */
  private Status health(GroupCommitWriter writer) {
    JsonObject data = new JsonObject().put("vendor", url.vendor().folder());
    return writer.writePathFailure()
      .map(reason -> Status.KO(data.put("writes", "failing: " + DatabaseUrl.masked(reason))))
      .orElseGet(() -> Status.OK(data.put("writes", "ok")));
  }

  /**
   * The writer's JDBC connection: the same URL as Flyway's (for SQLite it carries WAL,
   * synchronous=FULL and the busy timeout), on PostgreSQL with the module's schema first in its path.
   */
  private Connection writerConnection(String module) throws SQLException {
    if (url.vendor() == DatabaseUrl.Vendor.SQLITE) {
      return DriverManager.getConnection(url.jdbcUrlFor(module));
    }
    PgConnectOptions options = url.pgOptions();
    Connection connection = DriverManager.getConnection(url.jdbcUrlFor(module), options.getUser(), options.getPassword());
    connection.setSchema(url.schemaFor(module));
    return connection;
  }

  private Pool pool(String module, int size) {
    PoolOptions poolOptions = new PoolOptions().setMaxSize(size).setName("orderflow-" + module + "-" + size);
    if (url.vendor() == DatabaseUrl.Vendor.SQLITE) {
      return JDBCPool.pool(vertx, new JDBCConnectOptions().setJdbcUrl(url.jdbcUrlFor(module)), poolOptions);
    }
    PgConnectOptions options = url.pgOptions().addProperty("search_path", url.schemaFor(module));
    return PgBuilder.pool().with(poolOptions).connectingTo(options).using(vertx).build();
  }

  /**
   * Two Flyway histories per database: the platform's own tables (outbox, inbox) and the module's,
   * so that each side numbers its migrations independently.
   */
  private void migrate(String module) {
    flyway(module).table("flyway_platform_history").locations(migrationLocations("platform")).load().migrate();
    flyway(module).locations(migrationLocations(module)).load().migrate();
  }

  private FluentConfiguration flyway(String module) {
    // Each history starts at a version-0 baseline: the other history's tables share the schema.
    FluentConfiguration flyway = Flyway.configure().failOnMissingLocations(false).baselineOnMigrate(true).baselineVersion("0");
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

  private String[] migrationLocations(String owner) {
    List<String> locations = new ArrayList<>();
    for (String folder : List.of("common", url.vendor().folder())) {
      String location = "db/" + owner + "/" + folder;
      if (Databases.class.getClassLoader().getResource(location) != null) {
        locations.add("classpath:" + location);
      }
    }
    return locations.toArray(String[]::new);
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

package dev.orderflow.platform.sql;

import dev.orderflow.platform.Settings;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** A module database for a test on {@code sqlite} (a new data dir) or {@code postgresql} (the local server, under a schema prefix). */
public final class TestDatabases {

  private TestDatabases() {
  }

  public static Future<Database> open(Vertx vertx, String vendor, String schemaPrefix, String module) {
    return open(vertx, vendor, schemaPrefix, module, Duration.ZERO);
  }

  /** As {@link #open(Vertx, String, String, String)}, its writer starting commits at least {@code commitInterval} apart. */
  public static Future<Database> open(Vertx vertx, String vendor, String schemaPrefix, String module, Duration commitInterval) {
    JsonObject config = Settings.catalog().resolve(new JsonObject().put("db", new JsonObject()
      .put("url", vendor.equals("sqlite") ? "" : Postgres.URL)
      .put("schema-prefix", schemaPrefix)
      .put("readers", 2)
      .put("write-batch-max", 256)
      .put("commit-interval-us", commitInterval.toNanos() / 1000)));
    return Databases.connect(vertx, config, TestInstance.newDataDir(), 5000, new Readiness(vertx)).open(module);
  }
}

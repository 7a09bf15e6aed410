package dev.orderflow.platform.sql;

import dev.orderflow.platform.Settings;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** A module database for a test on {@code sqlite} (a new data dir) or {@code postgresql} (the local server, under a schema prefix). */
final class TestDatabases {

  private TestDatabases() {
  }

  static Future<Database> open(Vertx vertx, String vendor, String schemaPrefix, String module) {
    JsonObject config = Settings.catalog().resolve(new JsonObject().put("db", new JsonObject()
      .put("url", vendor.equals("sqlite") ? "" : Postgres.URL)
      .put("schema-prefix", schemaPrefix)
      .put("readers", 2)
      .put("write-batch-max", 256)));
    return Databases.connect(vertx, config, TestInstance.newDataDir(), 5000, new Readiness(vertx)).open(module);
  }
}

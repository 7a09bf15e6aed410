package dev.orderflow.platform.sql;

import dev.orderflow.platform.Settings;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The group-commit writer on SQLite and PostgreSQL")
class GroupCommitWriterTest {

  private static final int WRITES = 300;

  private final Vertx vertx = Vertx.vertx();
  private final String schemaPrefix = Postgres.uniqueSchemaPrefix();
  private Database database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close().await();
    }
    vertx.close().await();
    Postgres.dropSchemas(schemaPrefix);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("commits concurrent writes in fewer transactions than writes, and a failing write fails alone")
  void batchesAndIsolatesFailures(String vendor) {
    database = open(vendor);
    insert("dup", "first").await();

    List<Future<Integer>> writes = new ArrayList<>();
    for (int i = 0; i < WRITES; i++) {
      writes.add(insert(i == WRITES / 2 ? "dup" : "row-" + i, "payload " + i));
    }
    Future.join(writes).otherwiseEmpty().await();

    long failed = writes.stream().filter(Future::failed).count();
    assertThat(failed).isEqualTo(1);
    assertThat(writes.get(WRITES / 2).failed()).isTrue();
    assertThat(count()).isEqualTo(WRITES);
    assertThat(payloadOf("dup")).as("the refused write changed nothing").isEqualTo("first");
    assertThat(database.committedBatches()).isGreaterThan(1).isLessThan(WRITES / 2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("a write is acknowledged only once readable from another connection")
  void acknowledgesOnlyCommittedWrites(String vendor) {
    database = open(vendor);

    insert("visible", "yes").await();

    assertThat(payloadOf("visible")).isEqualTo("yes");
  }

  private Database open(String vendor) {
    JsonObject config = Settings.catalog().resolve(new JsonObject().put("db", new JsonObject()
      .put("url", vendor.equals("sqlite") ? "" : Postgres.URL)
      .put("schema-prefix", schemaPrefix)
      .put("read-pool-size", 2)
      .put("write-batch-max", 256)));
    Databases databases = Databases.connect(vertx, config, TestInstance.newDataDir(), 5000, new Readiness(vertx));
    return databases.open("groupcommit").await();
  }

  private Future<Integer> insert(String id, String payload) {
    return database.write(connection -> connection
      .preparedQuery(database.vendor().equals("sqlite")
        ? "INSERT INTO rows_written (id, payload) VALUES (?, ?)"
        : "INSERT INTO rows_written (id, payload) VALUES ($1, $2)")
      .execute(Tuple.of(id, payload))
      .map(rows -> rows.rowCount()));
  }

  private long count() {
    return database.reads().query("SELECT COUNT(*) AS n FROM rows_written").execute().await().iterator().next().getLong("n");
  }

  private String payloadOf(String id) {
    return io.vertx.sqlclient.templates.SqlTemplate.forQuery(database.reads(), "SELECT payload FROM rows_written WHERE id = #{id}")
      .execute(Map.of("id", id)).await().iterator().next().getString("payload");
  }
}

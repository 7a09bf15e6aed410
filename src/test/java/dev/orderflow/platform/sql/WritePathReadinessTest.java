package dev.orderflow.platform.sql;

import dev.orderflow.platform.Settings;
import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.core.FreeSpace;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.core.Unavailable;
import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Readiness follows the write path and the free disk space; a full disk answers 503 with the reason")
class WritePathReadinessTest {

  private static final String ADDRESS = "test.write-path";
  private static final int SQLITE_MAX_PAGES = 1_073_741_823;

  private final Vertx vertx = Vertx.vertx();
  private final Readiness readiness = new Readiness(vertx);
  private Database database;
  private HttpServer server;
  private Http http;

  @BeforeEach
  void start() {
    Router router = Router.router(vertx);
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness.checks()));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    http = new Http("http://127.0.0.1:" + server.actualPort());
  }

  @AfterEach
  void stop() {
    if (database != null) {
      database.close().await();
    }
    vertx.close().await();
  }

  @Test
  @DisplayName("SQLite's disk full: the write answers 503 naming the full disk, ready is 503 until a commit writes again")
  void fullDiskFailsReadinessAndRecovers() {
    database = open();
    BusEndpoint.serve(vertx, ADDRESS, Set.of("insert"), LoggerFactory.getLogger(WritePathReadinessTest.class),
      Map.of("insert", request -> insert(request.body().getString("id"), "x".repeat(request.body().getInteger("size"))))).await();
    assertThat(http.get("/health/ready").status()).isEqualTo(200);

    capDatabaseAtItsCurrentSize();
    assertThatThrownBy(() -> vertx.eventBus().request(ADDRESS, new JsonObject().put("id", "big").put("size", 200_000),
      new io.vertx.core.eventbus.DeliveryOptions().addHeader(ServiceClient.ACTION_HEADER, "insert")).await())
      .isInstanceOfSatisfying(ReplyException.class, reply -> {
        assertThat(reply.failureCode()).isEqualTo(503);
        assertThat(reply.getMessage()).isEqualTo("the database's disk is full");
      });

    Http.Response unready = http.get("/health/ready");
    assertThat(unready.status()).isEqualTo(503);
    assertThat(unready.body()).contains("database-groupcommit", "failing: the database's disk is full");

    database.write(tx -> tx.query("PRAGMA max_page_count = " + SQLITE_MAX_PAGES, Map.of())).await();
    insert("after", "x".repeat(200_000)).await();
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a refused write (unique violation) leaves the write path ready")
  void businessRefusalKeepsReadiness() {
    database = open();
    insert("once", "a").await();

    assertThatThrownBy(() -> insert("once", "b").await()).satisfies(failure -> assertThat(SqlErrors.isUniqueViolation(failure)).isTrue());
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("free space under the data dir below the floor turns ready to 503 naming the disk space; 0 turns the check off")
  void freeSpaceFloor() {
    FreeSpace.register(vertx, readiness, TestInstance.newDataDir(), Long.MAX_VALUE);

    Http.Response unready = http.get("/health/ready");
    assertThat(unready.status()).isEqualTo(503);
    assertThat(unready.body()).contains("disk-space", "below the floor of " + Long.MAX_VALUE + " (ORDERFLOW_DATA_MIN_FREE_BYTES)");

    readiness.unregisterDependency("disk-space");
    FreeSpace.register(vertx, readiness, TestInstance.newDataDir().resolve("not-yet-created"), 1);
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("the one SQL error reader maps SQLITE_FULL and PostgreSQL's disk_full to the full disk, a unique violation to nothing")
  void errorReaderMapsFullDisk() {
    assertThat(SqlErrors.unwritable(new RuntimeException(new SQLiteException("[SQLITE_FULL] database or disk is full", SQLiteErrorCode.SQLITE_FULL))))
      .contains("the database's disk is full");
    assertThat(SqlErrors.unwritable(new SQLException("could not extend file", "53100"))).as("pgjdbc's error")
      .contains("the database's disk is full");
    assertThat(SqlErrors.isUniqueViolation(new SQLException("duplicate key value violates unique constraint", "23505"))).isTrue();
    assertThat(SqlErrors.unwritable(new SQLiteException("[SQLITE_READONLY] attempt to write a readonly database", SQLiteErrorCode.SQLITE_READONLY)))
      .contains("the database is read-only");
    assertThat(SqlErrors.unwritable(new SQLiteException("[SQLITE_CONSTRAINT_UNIQUE]", SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE))).isEmpty();
  }

  @Test
  @DisplayName("the SQL layer hands failures on as the bus reads them: unstorable text refused 400, a full disk unavailable, the rest as they are")
  void failuresHandedOnWithTheirMeaning() {
    assertThat(SqlErrors.meaning(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))
      .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.code()).isEqualTo(400));
    assertThat(SqlErrors.meaning(new SQLException("could not extend file", "53100")))
      .isInstanceOf(Unavailable.class).hasMessage("the database's disk is full");
    SQLException unique = new SQLException("duplicate key", "23505");
    assertThat(SqlErrors.meaning(unique)).isSameAs(unique);
  }

  private Database open() {
    JsonObject config = Settings.catalog().resolve(new JsonObject());
    return Databases.connect(vertx, config, TestInstance.newDataDir(), 5000, readiness).open("groupcommit").await();
  }

  /** SQLite answers SQLITE_FULL, as on a full disk, once the file would need a page beyond the cap. */
  private void capDatabaseAtItsCurrentSize() {
    database.write(tx -> tx.query("PRAGMA max_page_count = " + tx.queryFirst("PRAGMA page_count", Map.of()).orElseThrow().getLong("page_count"),
      Map.of())).await();
  }

  private Future<JsonObject> insert(String id, String payload) {
    return database.write(tx -> tx.update("INSERT INTO rows_written (id, payload) VALUES (#{id}, #{payload})", Map.of("id", id, "payload", payload)))
      .map(rows -> new JsonObject());
  }
}

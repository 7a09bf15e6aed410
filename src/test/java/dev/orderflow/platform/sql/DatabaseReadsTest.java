package dev.orderflow.platform.sql;

import dev.orderflow.platform.Settings;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.core.Unavailable;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@DisplayName("Reads on the reader threads of a database, on SQLite and PostgreSQL")
class DatabaseReadsTest {

  private static final String INSERT = "INSERT INTO rows_written (id, payload) VALUES (#{id}, #{payload})";
  private static final String COUNT = "SELECT COUNT(*) AS n FROM rows_written";
  private static final int READERS = 2;

  private final String schemaPrefix = Postgres.uniqueSchemaPrefix();
  private final CompletableFuture<Void> release = new CompletableFuture<>();
  private Database database;

  @AfterEach
  void close() {
    release.complete(null);
    if (database != null) {
      database.close().await();
    }
    Postgres.dropSchemas(schemaPrefix);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("a read runs on a reader thread and completes on the caller's context, with rows keyed by column label")
  void completesOnTheCallersContext(String vendor, Vertx vertx) {
    open(vertx, vendor);
    database.write(tx -> tx.update(INSERT, Map.of("id", "a", "payload", "first"))).await();
    Context caller = vertx.getOrCreateContext();
    Promise<String> ranOn = Promise.promise();
    Promise<Context> answeredOn = Promise.promise();
    Promise<JsonObject> row = Promise.promise();

    caller.runOnContext(ignored -> database
      .read(reads -> {
        ranOn.complete(Thread.currentThread().getName());
        return reads.queryFirst("SELECT id, payload, 42 AS answer FROM rows_written WHERE id = #{id}", Map.of("id", "a")).orElseThrow();
      })
      .onComplete(read -> answeredOn.complete(Vertx.currentContext()))
      .onComplete(row));

    assertThat(ranOn.future().await()).startsWith("orderflow-reader-groupcommit-");
    assertThat(answeredOn.future().await()).isSameAs(caller);
    assertThat(row.future().await()).isEqualTo(new JsonObject().put("id", "a").put("payload", "first").put("answer", 42));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("reads answer while a group transaction is open, from what is committed, and on every reader at once")
  void readsRunBesideAGroupCommit(String vendor, Vertx vertx) throws Exception {
    open(vertx, vendor);
    database.write(tx -> tx.update(INSERT, Map.of("id", "committed", "payload", "c"))).await();
    CountDownLatch writerInsideTransaction = new CountDownLatch(1);
    Future<Integer> held = database.write(tx -> {
      int inserted = tx.update(INSERT, Map.of("id", "uncommitted", "payload", "u"));
      writerInsideTransaction.countDown();
      release.join();
      return inserted;
    });
    assertThat(writerInsideTransaction.await(10, TimeUnit.SECONDS)).isTrue();

    CountDownLatch allReadersIn = new CountDownLatch(READERS);
    List<Future<Long>> reads = List.of(countMeeting(allReadersIn), countMeeting(allReadersIn));
    assertThat(Future.all(reads).await(10, TimeUnit.SECONDS).<Long>resultAt(0))
      .as("each read waits for the other inside the reader threads, while the writer holds its transaction open")
      .isEqualTo(1);
    assertThat(reads.get(1).result()).isEqualTo(1);
    assertThat(held.isComplete()).as("the group transaction is still open").isFalse();

    release.complete(null);
    assertThat(held.await()).isEqualTo(1);
    assertThat(count().await()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("a failing read fails alone with its SQL error, and the reader goes on reading")
  void badSqlFailsAlone(String vendor, Vertx vertx) {
    open(vertx, vendor);
    for (int i = 0; i < READERS * 2; i++) {
      assertThatThrownBy(() -> database.read(reads -> reads.query("SELECT no_such_column FROM rows_written")).await())
        .isInstanceOf(SQLException.class);
      assertThat(count().await()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("a reader cannot write: the database answers read-only, which the business reads as unavailable")
  void readersCannotWrite(String vendor, Vertx vertx) {
    open(vertx, vendor);
    assertThatThrownBy(() -> database.read(reads -> reads.query(INSERT + " RETURNING id", Map.of("id", "sneaked", "payload", "s"))).await())
      .isInstanceOf(Unavailable.class).hasMessage("the database is read-only");
    assertThat(count().await()).isZero();
  }

  @Test
  @DisplayName("on PostgreSQL, a read of text it cannot store (U+0000) is refused 400, as before")
  void unstorableTextIsRefused(Vertx vertx) {
    open(vertx, "postgresql");
    assertThatThrownBy(() -> database.read(reads -> reads.query("SELECT id FROM rows_written WHERE id = #{id}", Map.of("id", "a\u0000b"))).await())
      .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.code()).isEqualTo(400));
    assertThat(count().await()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("closing answers the reads already queued, ends the reader threads and refuses later reads at once")
  void closedDatabaseRefusesReads(String vendor, Vertx vertx) throws InterruptedException {
    open(vertx, vendor);
    Future<Long> queued = count();
    database.close().await();

    assertThat(queued.await()).isZero();
    for (Thread reader : readerThreads()) {
      reader.join(5000);
    }
    assertThat(readerThreads()).as("reader threads still running").isEmpty();
    long started = System.nanoTime();
    assertThatThrownBy(() -> count().await(5, TimeUnit.SECONDS))
      .isInstanceOf(IllegalStateException.class).hasMessage("the database groupcommit is closed");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
    database = null;
  }

  private List<Thread> readerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
      .filter(thread -> thread.getName().startsWith("orderflow-reader-groupcommit-") && thread.isAlive())
      .toList();
  }

  /** A count that, inside its reader thread, waits for {@code meeting} to be counted down by every reader. */
  private Future<Long> countMeeting(CountDownLatch meeting) {
    return database.read(reads -> {
      meeting.countDown();
      try {
        if (!meeting.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the other reads did not run at the same time");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return reads.query(COUNT).get(0).getLong("n");
    });
  }

  private Future<Long> count() {
    return database.read(reads -> reads.query(COUNT).get(0).getLong("n"));
  }

  private void open(Vertx vertx, String vendor) {
    JsonObject config = Settings.catalog().resolve(new JsonObject().put("db", new JsonObject()
      .put("url", vendor.equals("sqlite") ? "" : Postgres.URL)
      .put("schema-prefix", schemaPrefix)
      .put("readers", READERS)));
    database = Databases.connect(vertx, config, TestInstance.newDataDir(), 5000, new Readiness(vertx)).open("groupcommit").await();
  }
}

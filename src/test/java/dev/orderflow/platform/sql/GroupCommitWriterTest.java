package dev.orderflow.platform.sql;

import dev.orderflow.support.Postgres;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@DisplayName("The group-commit writer on SQLite and PostgreSQL")
class GroupCommitWriterTest {

  private static final int WRITES = 300;
  /** The setting's default, which these tests' databases keep. */
  private static final int EARLY_WRITES = 16;
  private static final String INSERT = "INSERT INTO rows_written (id, payload) VALUES (#{id}, #{payload})";

  private final String schemaPrefix = Postgres.uniqueSchemaPrefix();
  private Database database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close().await();
    }
    Postgres.dropSchemas(schemaPrefix);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("commits concurrent writes in fewer transactions than writes, and a failing write fails alone")
  void batchesAndIsolatesFailures(String vendor, Vertx vertx, VertxTestContext testContext) {
    Checkpoint everyWriteAnswered = testContext.checkpoint(WRITES);
    Checkpoint verified = testContext.checkpoint();
    List<Future<Integer>> writes = new ArrayList<>();

    open(vertx, vendor)
      .compose(opened -> insert("dup", "first"))
      .compose(first -> {
        for (int i = 0; i < WRITES; i++) {
          writes.add(insert(i == WRITES / 2 ? "dup" : "row-" + i, "payload " + i).onComplete(answer -> everyWriteAnswered.flag()));
        }
        return Future.join(writes).otherwiseEmpty();
      })
      .compose(allAnswered -> Future.all(count(), payloadOf("dup")))
      .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
        long failed = writes.stream().filter(Future::failed).count();
        long rows = stored.resultAt(0);
        assertThat(failed).isEqualTo(1);
        assertThat(writes.get(WRITES / 2).failed()).isTrue();
        assertThat(SqlErrors.isUniqueViolation(writes.get(WRITES / 2).cause())).as("it fails with its own cause").isTrue();
        assertThat(rows).isEqualTo(WRITES);
        assertThat(stored.<String>resultAt(1)).as("the refused write changed nothing").isEqualTo("first");
        assertThat(database.committedBatches()).isGreaterThan(1).isLessThan(WRITES / 2);
        verified.flag();
      })));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("a write is acknowledged only once readable from another connection")
  void acknowledgesOnlyCommittedWrites(String vendor, Vertx vertx, VertxTestContext testContext) {
    open(vertx, vendor)
      .compose(opened -> insert("visible", "yes"))
      .compose(acknowledged -> payloadOf("visible"))
      .onComplete(testContext.succeeding(payload -> testContext.verify(() -> {
        assertThat(payload).isEqualTo("yes");
        testContext.completeNow();
      })));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("a write's row is invisible to reads while its transaction runs, readable once its future completed")
  void completesOnlyAfterCommit(String vendor, Vertx vertx) {
    open(vertx, vendor).await();

    long seenWhileWriting = database.write(tx -> {
      tx.update(INSERT, Map.of("id", "pending", "payload", "p"));
      // a work may block the writer thread: here on a read, from another connection, of the uncommitted row
      return count().await();
    }).await();

    assertThat(seenWhileWriting).isZero();
    assertThat(payloadOf("pending").await()).isEqualTo("p");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("writes queued while a commit is in flight commit together as one transaction")
  void queuedWritesShareOneTransaction(String vendor, Vertx vertx) throws InterruptedException {
    open(vertx, vendor).await();
    CompletableFuture<Void> release = new CompletableFuture<>();
    long batchesBefore = database.committedBatches();

    Future<Integer> blocker = holdWriterUntil(release);
    List<Future<Integer>> queued = insertAll(50);
    release.complete(null);
    Future.all(queued).await();

    assertThat(blocker.await()).isEqualTo(1);
    assertThat(database.committedBatches() - batchesBefore).as("the blocker's transaction, then one for all 50").isEqualTo(2);
    assertThat(count().await()).isEqualTo(51);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("a failing write fails alone: the writes before and after it in its batch commit, in that one transaction")
  void failingWriteOfABatchFailsAlone(String vendor, Vertx vertx) throws InterruptedException {
    open(vertx, vendor).await();
    insert("dup", "first").await();
    CompletableFuture<Void> release = new CompletableFuture<>();
    long batchesBefore = database.committedBatches();

    Future<Integer> blocker = holdWriterUntil(release);
    Future<Integer> before = insert("before", "b");
    Future<Integer> duplicate = insert("dup", "second");
    Future<Integer> after = insert("after", "a");
    release.complete(null);

    assertThat(Future.all(blocker, before, after).await().<Integer>list()).containsExactly(1, 1, 1);
    assertThatThrownBy(duplicate::await).satisfies(failure -> assertThat(SqlErrors.isUniqueViolation(failure)).isTrue());
    assertThat(database.committedBatches() - batchesBefore).as("the blocker's transaction, then one for the three").isEqualTo(2);
    assertThat(count().await()).as("dup, blocker, before, after: each once").isEqualTo(4);
    assertThat(payloadOf("dup").await()).isEqualTo("first");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("commit listeners run after each commit, on the context that registered them")
  void commitListenersRunOnTheirContext(String vendor, Vertx vertx) {
    open(vertx, vendor).await();
    Context registering = vertx.getOrCreateContext();
    Promise<Context> firedOn = Promise.promise();
    Promise<Integer> written = Promise.promise();

    registering.runOnContext(ignored -> {
      database.onCommit(() -> firedOn.tryComplete(Vertx.currentContext()));
      insert("listened", "l").onComplete(written);
    });

    assertThat(written.future().await()).isEqualTo(1);
    assertThat(firedOn.future().await()).isSameAs(registering);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("with a commit interval, a write to an idle writer commits at once and the writes of the interval after it share the next commit")
  void commitsStartAnIntervalApart(String vendor, Vertx vertx) {
    Duration interval = Duration.ofSeconds(1);
    open(vertx, vendor, interval).await();
    long start = System.nanoTime();

    insert("first", "f").await();
    long firstCommitted = System.nanoTime();
    long batchesBefore = database.committedBatches();
    List<Future<Integer>> queued = insertAll(EARLY_WRITES - 1);
    Future.all(queued).await();
    long queuedCommitted = System.nanoTime();

    assertThat(Duration.ofNanos(firstCommitted - start)).as("the idle writer did not wait for an interval").isLessThan(interval);
    assertThat(Duration.ofNanos(queuedCommitted - start)).as("their commit started an interval after the first one").isGreaterThanOrEqualTo(interval);
    assertThat(database.committedBatches() - batchesBefore).as("one commit for them all").isEqualTo(1);
    assertThat(count().await()).isEqualTo(EARLY_WRITES);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("with a commit interval, as many writes as db.commit-early-writes start their commit without waiting for the interval")
  void enoughWaitingWritesCommitEarly(String vendor, Vertx vertx) throws Exception {
    Duration interval = Duration.ofMinutes(1);
    open(vertx, vendor, interval).await();
    insert("first", "f").await();
    long batchesBefore = database.committedBatches();

    List<Future<Integer>> queued = insertAll(EARLY_WRITES);
    Future.all(queued).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(database.committedBatches() - batchesBefore).as("one commit for them all, long before the interval's end").isEqualTo(1);
    assertThat(count().await()).isEqualTo(EARLY_WRITES + 1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("closing commits the writes waiting for their commit's turn instead of failing them or waiting for the turn")
  void closeCommitsWaitingWrites(String vendor, Vertx vertx) {
    Duration interval = Duration.ofMinutes(1);
    open(vertx, vendor, interval).await();
    insert("first", "f").await();
    Future<Integer> waiting = insert("waiting", "w");
    long closing = System.nanoTime();

    database.close().await();
    database = null;

    assertThat(waiting.await()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("closing did not wait for the turn").isLessThan(interval);
  }

  /** A write that keeps the writer thread busy until {@code release} completes, so that the writes issued meanwhile queue. */
  private Future<Integer> holdWriterUntil(CompletableFuture<Void> release) throws InterruptedException {
    CountDownLatch writerBusy = new CountDownLatch(1);
    Future<Integer> blocker = database.write(tx -> {
      writerBusy.countDown();
      release.join();
      return tx.update(INSERT, Map.of("id", "blocker", "payload", "b"));
    });
    writerBusy.await();
    return blocker;
  }

  private Future<Database> open(Vertx vertx, String vendor) {
    return open(vertx, vendor, Duration.ZERO);
  }

  private Future<Database> open(Vertx vertx, String vendor, Duration commitInterval) {
    return TestDatabases.open(vertx, vendor, schemaPrefix, "groupcommit", commitInterval).onSuccess(opened -> database = opened);
  }

  /** {@code n} writes issued at once, none waiting for another. */
  private List<Future<Integer>> insertAll(int n) {
    List<Future<Integer>> writes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      writes.add(insert("queued-" + i, "q"));
    }
    return writes;
  }

  private Future<Integer> insert(String id, String payload) {
    return database.write(tx -> tx.update(INSERT, Map.of("id", id, "payload", payload)));
  }

  private Future<Long> count() {
    return database.read(reads -> reads.query("SELECT COUNT(*) AS n FROM rows_written").get(0).getLong("n"));
  }

  private Future<String> payloadOf(String id) {
    return database.read(reads -> reads.query("SELECT payload FROM rows_written WHERE id = #{id}", Map.of("id", id)).get(0).getString("payload"));
  }
}

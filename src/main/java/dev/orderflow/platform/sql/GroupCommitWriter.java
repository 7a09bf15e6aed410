package dev.orderflow.platform.sql;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one writer of a database. Writes that arrive while a commit is in flight wait and go
 * together into the next transaction (group commit, no linger), so durability costs one fsync
 * per batch instead of one per write. Each write runs inside its own savepoint: a failing write
 * fails alone and the rest of its batch commits. A write's future completes only after the
 * transaction that holds it has committed. The outcome of the last group transaction tells
 * readiness whether the write path works.
 */
public final class GroupCommitWriter {

  private static final String SAVEPOINT = "SAVEPOINT group_commit_item";
  private static final String RELEASE = "RELEASE SAVEPOINT group_commit_item";
  private static final String ROLLBACK_TO = "ROLLBACK TO SAVEPOINT group_commit_item";

  private final Pool pool;
  private final Context context;
  private final int maxBatch;
  private final Deque<PendingWrite<?>> queue = new ArrayDeque<>();
  private boolean committing;
  private volatile long committedBatches;
  private volatile String writePathFailure;
  private final List<Runnable> commitListeners = new ArrayList<>();

  GroupCommitWriter(Vertx vertx, Pool pool, int maxBatch) {
    this.pool = pool;
    this.context = vertx.getOrCreateContext();
    this.maxBatch = maxBatch;
  }

  /** Runs {@code work} in the next group transaction; completes after that transaction committed. */
  public <T> Future<T> write(Function<SqlConnection, Future<T>> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(ignored -> {
      queue.add(new PendingWrite<>(work, promise));
      commitNextBatch();
    });
    return promise.future();
  }

  /** Runs {@code listener} on the writer's context after each committed transaction. */
  void onCommit(Runnable listener) {
    context.runOnContext(ignored -> commitListeners.add(listener));
  }

  /** How many group transactions have committed so far. */
  public long committedBatches() {
    return committedBatches;
  }

  /**
   * Why the last group transaction could not write, if it could not: it failed as a whole, or one
   * of its writes met a database that takes no writes (disk full, read-only, ...). Business
   * refusals such as a unique violation leave the write path healthy.
   */
  Optional<String> writePathFailure() {
    return Optional.ofNullable(writePathFailure);
  }

  private void commitNextBatch() {
    if (committing || queue.isEmpty()) {
      return;
    }
    committing = true;
    List<PendingWrite<?>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
    while (!queue.isEmpty() && batch.size() < maxBatch) {
      batch.add(queue.poll());
    }
    pool.getConnection()
      .compose(connection -> commitBatch(connection, batch).eventually(connection::close))
      .onComplete(committed -> {
        if (committed.succeeded()) {
          committedBatches = committedBatches + 1;
          commitListeners.forEach(Runnable::run);
        }
        writePathFailure = committed.succeeded()
          ? batch.stream().flatMap(write -> write.unwritable().stream()).findFirst().orElse(null)
          : SqlErrors.unwritable(committed.cause()).orElse(String.valueOf(committed.cause().getMessage()));
        batch.forEach(write -> write.settle(committed.succeeded() ? null : committed.cause()));
        committing = false;
        commitNextBatch();
      });
  }

  /**
   * Plain BEGIN/COMMIT statements rather than {@code SqlConnection.begin()}: the client's
   * transaction object rolls everything back on the first failed statement, which would undo the
   * savepoints that keep one write's failure from failing its whole batch.
   */
  private Future<Void> commitBatch(SqlConnection connection, List<PendingWrite<?>> batch) {
    return execute(connection, "BEGIN")
      .compose(begun -> runInOrder(connection, batch, 0))
      .compose(done -> execute(connection, "COMMIT"))
      .recover(failure -> execute(connection, "ROLLBACK").transform(ignored -> Future.failedFuture(failure)));
  }

  private static Future<Void> execute(SqlConnection connection, String statement) {
    return connection.query(statement).execute().mapEmpty();
  }

  private Future<Void> runInOrder(SqlConnection connection, List<PendingWrite<?>> batch, int index) {
    if (index == batch.size()) {
      return Future.succeededFuture();
    }
    PendingWrite<?> write = batch.get(index);
    return execute(connection, SAVEPOINT)
      .compose(ignored -> write.run(connection))
      .compose(
        ignored -> execute(connection, RELEASE),
        failure -> execute(connection, ROLLBACK_TO).compose(ignored -> execute(connection, RELEASE))
          // SQLite itself rolls the whole transaction back on a full disk or an I/O error, savepoint
          // included: the batch then fails with the write's cause, not with "no such savepoint".
          .recover(savepointGone -> Future.failedFuture(failure)))
      .compose(ignored -> runInOrder(connection, batch, index + 1));
  }

  private static final class PendingWrite<T> {
    private final Function<SqlConnection, Future<T>> work;
    private final Promise<T> promise;
    private Future<T> outcome;

    PendingWrite(Function<SqlConnection, Future<T>> work, Promise<T> promise) {
      this.work = work;
      this.promise = promise;
    }

    Future<T> run(SqlConnection connection) {
      try {
        outcome = work.apply(connection);
      } catch (RuntimeException e) {
        outcome = Future.failedFuture(e);
      }
      return outcome;
    }

    Optional<String> unwritable() {
      return outcome != null && outcome.failed() ? SqlErrors.unwritable(outcome.cause()) : Optional.empty();
    }

    /** Completes the caller's future with its own outcome once the batch's fate is known. */
    void settle(Throwable batchFailure) {
      if (batchFailure != null) {
        promise.fail(batchFailure);
      } else if (outcome.failed()) {
        promise.fail(outcome.cause());
      } else {
        promise.complete(outcome.result());
      }
    }
  }
}

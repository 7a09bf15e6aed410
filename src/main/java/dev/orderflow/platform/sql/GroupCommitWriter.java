package dev.orderflow.platform.sql;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one writer of a database: a thread of its own with one JDBC connection. Writes that arrive
 * while a commit is in flight wait and go together into the next transaction (group commit), run
 * back to back on that thread, so durability costs one fsync per batch instead of one per write and
 * no statement costs a hop between threads. Commits start at least {@code commitInterval} apart: a
 * write to a writer that has not committed for that long starts a commit at once, while under load
 * the writes of the interval share one commit, so that a busy database pays fewer fsyncs and wakes
 * fewer threads for the same writes, each write waiting at most that interval longer. Once
 * {@code earlyWrites} writes wait, their commit starts without waiting for the interval: a batch
 * that size is worth its fsync, and callers that each wait for their write before the next (a
 * closed loop) are not held to one write per interval. A failing write fails alone and the rest of
 * its batch commits (see {@link #commitBatch}). A write's future completes, on the caller's
 * context, only after the transaction that holds it committed.
 * The outcome of the last group transaction tells readiness whether the write path works.
 */
public final class GroupCommitWriter {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  private final Vertx vertx;
  private final String name;
  private final Callable<Connection> connect;
  private final int maxBatch;
  private final long commitIntervalNanos;
  private final int earlyWrites;
  private final ScheduledExecutorService thread;
  private final Queue<PendingWrite<?>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean hurrying = new AtomicBoolean();
  private final List<CommitListener> commitListeners = new CopyOnWriteArrayList<>();
  private volatile long committedBatches;
  private volatile long committedWrites;
  private volatile String writePathFailure;
  private volatile boolean closed;
  /** Open while it works; touched by the writer thread only. */
  private Transaction transaction;
  /** Whether closing closed the connection for good; touched by the writer thread only. */
  private boolean connectionClosed;
  /** The drain scheduled for the next commit's turn, while writes wait for it; touched by the writer thread only. */
  private ScheduledFuture<?> turn;
  /** {@link System#nanoTime()} before which no commit starts; touched by the writer thread only. */
  private long nextCommitNanos = System.nanoTime();

  private record CommitListener(Context context, Runnable listener) {
  }

  GroupCommitWriter(Vertx vertx, String name, Callable<Connection> connect, int maxBatch, Duration commitInterval, int earlyWrites) {
    this.vertx = vertx;
    this.name = name;
    this.connect = connect;
    this.maxBatch = maxBatch;
    this.commitIntervalNanos = commitInterval.toNanos();
    this.earlyWrites = earlyWrites;
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> DatabaseThreads.daemon("orderflow-writer-" + name, runnable));
  }

  /** Runs {@code work} in the next group transaction; completes after that transaction committed. */
  public <T> Future<T> write(WriteWork<T> work) {
    CallerPromise<T> caller = new CallerPromise<>(vertx);
    queue.add(new PendingWrite<>(work, caller));
    if (queued.incrementAndGet() >= earlyWrites && draining.get()) {
      hurry();
    }
    drainUnlessDraining();
    return caller.future();
  }

  /** Runs {@code listener} after each committed transaction, on the context that registered it. */
  void onCommit(Runnable listener) {
    commitListeners.add(new CommitListener(vertx.getOrCreateContext(), listener));
  }

  /** How many group transactions have committed so far. */
  public long committedBatches() {
    return committedBatches;
  }

  /** How many writes those transactions held (a write that failed alone is not counted). */
  public long committedWrites() {
    return committedWrites;
  }

  /**
   * Why the last group transaction could not write, if it could not: it failed as a whole, or one
   * of its writes met a database that takes no writes (disk full, read-only, ...). Business
   * refusals such as a unique violation leave the write path healthy.
   */
  Optional<String> writePathFailure() {
    return Optional.ofNullable(writePathFailure);
  }

  /** Stops taking writes; completes once the writes already queued are settled and the connection is closed. */
  Future<Void> close() {
    closed = true;
    CallerPromise<Void> caller = new CallerPromise<>(vertx);
    try {
      thread.execute(() -> {
        // writes waiting for their commit's turn commit now rather than after the connection closed
        for (List<PendingWrite<?>> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
          commitBatch(batch);
        }
        closeConnection();
        connectionClosed = true;
        caller.settle(null, null);
        // a drain that left its writes to this task may have kept the flag up; a write that came in meanwhile fails as closed
        draining.set(false);
        if (!queue.isEmpty()) {
          drainUnlessDraining();
        }
      });
    } catch (RejectedExecutionException alreadyClosed) {
      caller.settle(null, null);
    }
    thread.shutdown();
    return caller.future();
  }

  private void drainUnlessDraining() {
    if (draining.compareAndSet(false, true)) {
      try {
        thread.execute(this::drain);
      } catch (RejectedExecutionException closed) {
        failQueued();
      }
    }
  }

  /**
   * On the writer thread: commits the queued writes, a batch at a time, each commit starting no
   * sooner than the interval after the previous one; while writes wait for that turn the writer
   * stays draining, so that they are not handed to the thread again.
   */
  private void drain() {
    boolean handedOn = false;
    try {
      for (List<PendingWrite<?>> batch = turnOrNothing(); !batch.isEmpty(); batch = turnOrNothing()) {
        nextCommitNanos = System.nanoTime() + commitIntervalNanos;
        commitBatch(batch);
      }
      if (!queue.isEmpty()) {
        awaitTurn();
        handedOn = true;
      }
    } finally {
      if (!handedOn) {
        draining.set(false);
      }
    }
    // a write queued after the last poll but before the flag went down found the writer still draining
    if (!handedOn && !queue.isEmpty()) {
      drainUnlessDraining();
    }
  }

  /**
   * The queued writes wait for their commit's turn, and a drain is scheduled for it; once the
   * writer is shut down, the closing task (queued behind this drain) commits them, or, should it
   * have closed the connection already, they fail.
   */
  private void awaitTurn() {
    try {
      turn = thread.schedule(this::drainAtTurn, nextCommitNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      if (connectionClosed) {
        failQueued();
      }
    }
  }

  private void drainAtTurn() {
    turn = null;
    drain();
  }

  /** Enough writes wait: their commit starts now rather than at its turn. */
  private void hurry() {
    if (hurrying.compareAndSet(false, true)) {
      try {
        thread.execute(() -> {
          hurrying.set(false);
          // without a turn pending the writer is not waiting: a drain already queued commits them at once
          if (turn != null && turn.cancel(false)) {
            drainAtTurn();
          }
        });
      } catch (RejectedExecutionException shutDown) {
        hurrying.set(false);
      }
    }
  }

  /**
   * The next batch if its commit may start now: its turn came, enough writes wait, or the writer is
   * closing (no write waits then); else none, and it waits for its turn.
   */
  private List<PendingWrite<?>> turnOrNothing() {
    return closed || queued.get() >= earlyWrites || System.nanoTime() - nextCommitNanos >= 0 ? nextBatch() : List.of();
  }

  private void failQueued() {
    draining.set(false);
    for (PendingWrite<?> write = poll(); write != null; write = poll()) {
      write.settle(DatabaseThreads.closed(name));
    }
  }

  private PendingWrite<?> poll() {
    PendingWrite<?> write = queue.poll();
    if (write != null) {
      queued.decrementAndGet();
    }
    return write;
  }

  private List<PendingWrite<?>> nextBatch() {
    List<PendingWrite<?>> batch = new ArrayList<>();
    PendingWrite<?> write;
    while (batch.size() < maxBatch && (write = poll()) != null) {
      batch.add(write);
    }
    return batch;
  }

  /**
   * Runs the batch's writes back to back without savepoints (on PostgreSQL each costs a round trip,
   * two thirds of a write's time in {@code GroupCommitBenchmark}). When one fails, the transaction
   * is rolled back and the batch runs again with a savepoint per write, the failed write left out,
   * so a failing write still fails alone and costs its batch one extra run at most. Settles every
   * write of the batch whatever happens: even an {@link Error} fails the writes rather than leave
   * them waiting.
   */
  private void commitBatch(List<PendingWrite<?>> batch) {
    Throwable batchFailure = null;
    try {
      Transaction tx = transaction();
      PendingWrite<?> failed = firstFailing(tx, batch);
      if (failed != null) {
        rollBackAfter(tx, failed);
        for (PendingWrite<?> write : batch) {
          if (write != failed) {
            write.runInSavepoint(tx);
          }
        }
      }
      tx.commit();
    } catch (Throwable e) {
      batchFailure = e;
      rollback();
    }
    if (batchFailure == null) {
      committedBatches = committedBatches + 1;
      committedWrites = committedWrites + batch.stream().filter(write -> write.failure == null).count();
      commitListeners.forEach(registered -> registered.context().runOnContext(ignored -> registered.listener().run()));
    }
    writePathFailure = batchFailure == null
      ? batch.stream().flatMap(write -> write.unwritable().stream()).findFirst().orElse(null)
      : SqlErrors.unwritable(batchFailure).orElse(String.valueOf(batchFailure.getMessage()));
    for (PendingWrite<?> write : batch) {
      write.settle(batchFailure);
    }
  }

  /** Runs the writes without savepoints up to the first that fails, which it answers; null when all succeeded. */
  private static PendingWrite<?> firstFailing(Transaction tx, List<PendingWrite<?>> batch) {
    for (PendingWrite<?> write : batch) {
      if (!write.runBare(tx)) {
        return write;
      }
    }
    return null;
  }

  /**
   * SQLite itself rolls the whole transaction back on a full disk or an I/O error: rolling back
   * again fails, and the batch then fails with the write's cause.
   */
  private static void rollBackAfter(Transaction tx, PendingWrite<?> failed) throws Throwable {
    try {
      tx.rollback();
    } catch (SQLException transactionGone) {
      throw failed.failure;
    }
  }

  private Transaction transaction() throws Exception {
    if (transaction == null) {
      if (closed) {
        // a write that came in while the writer closed: its batch runs after the connection was closed
        throw DatabaseThreads.closed(name);
      }
      Connection connection = connect.call();
      connection.setAutoCommit(false);
      transaction = new Transaction(connection);
    }
    return transaction;
  }

  /** After a failed batch: a connection that cannot even roll back is dropped, and the next batch opens a new one. */
  private void rollback() {
    if (transaction == null) {
      return;
    }
    try {
      transaction.rollback();
      if (!transaction.isClosed()) {
        return;
      }
    } catch (SQLException e) {
      LOG.debug("writer connection of {} cannot roll back, reopened for the next batch: {}", name, e.getMessage());
    }
    closeConnection();
  }

  private void closeConnection() {
    if (transaction != null) {
      Quietly.close(transaction::close, "the writer connection of " + name);
      transaction = null;
    }
  }

  private static final class PendingWrite<T> {
    private final WriteWork<T> work;
    private final CallerPromise<T> caller;
    private T result;
    private Throwable failure;

    PendingWrite(WriteWork<T> work, CallerPromise<T> caller) {
      this.work = work;
      this.caller = caller;
    }

    /** Runs the write; false when it failed, which leaves the transaction to be rolled back. */
    boolean runBare(Transaction tx) {
      try {
        result = work.run(tx);
        return true;
      } catch (Throwable e) {
        failure = e;
        return false;
      }
    }

    /**
     * Runs the write in its savepoint. SQLite itself rolls the whole transaction back on a full
     * disk or an I/O error, savepoint included: the batch then fails with the write's cause.
     */
    void runInSavepoint(Transaction tx) throws Throwable {
      tx.savepoint();
      try {
        result = work.run(tx);
        tx.releaseSavepoint();
      } catch (Throwable e) {
        failure = e;
        try {
          tx.rollbackToSavepoint();
        } catch (SQLException savepointGone) {
          throw e;
        }
      }
    }

    Optional<String> unwritable() {
      return failure == null ? Optional.empty() : SqlErrors.unwritable(failure);
    }

    /** Completes the caller's future, on its context, with its own outcome once the batch's fate is known. */
    void settle(Throwable batchFailure) {
      caller.settle(result, batchFailure != null ? batchFailure : failure);
    }
  }
}

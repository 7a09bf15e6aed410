package dev.orderflow.platform.sql;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The readers of a database: a few threads of their own, each with one read-only JDBC connection
 * and its prepared statements, taking reads from one queue. A read runs on whichever reader is
 * free, in plain JDBC (no hop to a worker pool, no column descriptors built per query, statements
 * prepared once per connection), and its future completes on the caller's context. A reader opens
 * its connection at its first read, and again after the connection broke.
 */
final class Readers {

  /** Put in the queue once per reader by {@link #close}: the reader that takes it stops. */
  private static final PendingRead<Void> STOP = new PendingRead<>(reads -> null, null);

  private final String name;
  private final Vertx vertx;
  private final Callable<Connection> connect;
  private final int count;
  private final BlockingQueue<PendingRead<?>> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger running;
  private volatile CallerPromise<Void> closing;

  Readers(Vertx vertx, String name, int count, Callable<Connection> connect) {
    this.vertx = vertx;
    this.name = name;
    this.count = count;
    this.connect = connect;
    this.running = new AtomicInteger(count);
    for (int i = 0; i < count; i++) {
      DatabaseThreads.daemon("orderflow-reader-" + name + "-" + i, new Reader()).start();
    }
  }

  /** Runs {@code work} on the next free reader; a closed database refuses it at once. */
  <T> Future<T> read(ReadWork<T> work) {
    PendingRead<T> read = new PendingRead<>(work, new CallerPromise<>(vertx));
    queue.add(read);
    // queued after close() began: the stops may be ahead of it, and no reader would take it
    if (closing != null && queue.remove(read)) {
      read.caller().settle(null, DatabaseThreads.closed(name));
    }
    return read.caller().future();
  }

  /** Takes no more reads; completes once the reads already queued are answered and every reader closed its connection. */
  Future<Void> close() {
    CallerPromise<Void> closed = new CallerPromise<>(vertx);
    closing = closed;
    for (int i = 0; i < count; i++) {
      queue.add(STOP);
    }
    return closed.future();
  }

  private record PendingRead<T>(ReadWork<T> work, CallerPromise<T> caller) {

    /** Runs the read and answers its caller; true when it failed. */
    boolean failsOn(Reader reader) {
      try {
        caller.settle(work.run(reader.reads()), null);
        return false;
      } catch (Throwable e) {
        caller.settle(null, e);
        return true;
      }
    }
  }

  /** One reader thread; its connection is touched by that thread only. */
  private final class Reader implements Runnable {

    private QueryConnection reads;

    @Override
    public void run() {
      try {
        for (PendingRead<?> read = queue.take(); read != STOP; read = queue.take()) {
          if (read.failsOn(this)) {
            dropIfBroken();
          }
        }
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      } finally {
        closeConnection();
        if (running.decrementAndGet() == 0 && closing != null) {
          closing.settle(null, null);
        }
      }
    }

    QueryConnection reads() throws Exception {
      if (reads == null) {
        reads = new QueryConnection(connect.call());
      }
      return reads;
    }

    /** A connection the failure closed (PostgreSQL gone, say) is dropped; the next read opens a new one. */
    private void dropIfBroken() {
      try {
        if (reads != null && reads.isClosed()) {
          closeConnection();
        }
      } catch (SQLException e) {
        closeConnection();
      }
    }

    private void closeConnection() {
      if (reads != null) {
        Quietly.close(reads::close, "a reader connection of " + name);
        reads = null;
      }
    }
  }
}

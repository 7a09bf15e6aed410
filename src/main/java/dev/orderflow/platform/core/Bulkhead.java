package dev.orderflow.platform.core;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Bounds the work in flight: at most {@code maxConcurrent} pieces run, at most {@code maxQueued}
 * wait their turn in arrival order, and anything beyond fails at once with {@link Full} rather than
 * piling up behind a slow dependency. A place that frees up passes straight to the oldest waiter.
 * Safe to use from several contexts; queued work starts on the thread that freed its place.
 */
public final class Bulkhead {

  private final int maxConcurrent;
  private final int maxQueued;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  public Bulkhead(int maxConcurrent, int maxQueued) {
    if (maxConcurrent < 1 || maxQueued < 0) {
      throw new IllegalArgumentException("a bulkhead needs maxConcurrent >= 1 and maxQueued >= 0");
    }
    this.maxConcurrent = maxConcurrent;
    this.maxQueued = maxQueued;
  }

  /** Runs {@code work} now, or once a place frees up, or fails with {@link Full} when the queue is full too. */
  public <T> Future<T> run(Supplier<Future<T>> work) {
    synchronized (this) {
      if (running >= maxConcurrent) {
        if (waiting.size() >= maxQueued) {
          return Future.failedFuture(new Full(maxConcurrent, maxQueued));
        }
        Promise<T> turn = Promise.promise();
        waiting.add(() -> runInPlace(work).onComplete(turn));
        return turn.future();
      }
      running++;
    }
    return runInPlace(work);
  }

  public synchronized int running() {
    return running;
  }

  public synchronized int queued() {
    return waiting.size();
  }

  /** Runs work that holds a place, and hands the place on when it ends. */
  private <T> Future<T> runInPlace(Supplier<Future<T>> work) {
    Future<T> outcome;
    try {
      outcome = work.get();
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome.andThen(done -> {
      Runnable next;
      synchronized (this) {
        next = waiting.poll();
        if (next == null) {
          running--;
        }
      }
      if (next != null) {
        next.run();
      }
    });
  }

  /** The bulkhead turned work away: everything it holds is busy or waiting. */
  public static final class Full extends RuntimeException {
    Full(int maxConcurrent, int maxQueued) {
      super("bulkhead full: " + maxConcurrent + " calls in flight and " + maxQueued + " waiting", null, false, false);
    }
  }
}

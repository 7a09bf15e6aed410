package dev.orderflow.payments;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Bounds the work in flight: at most {@code maxConcurrent} pieces run, at most {@code maxQueued}
 * wait their turn in arrival order, and anything beyond fails at once with {@link Full} rather than
 * piling up behind a slow dependency. Not thread-safe: use it from one event loop (the owning
 * verticle's context), where every completion also arrives.
 */
final class Bulkhead {

  private final int maxConcurrent;
  private final int maxQueued;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  Bulkhead(int maxConcurrent, int maxQueued) {
    if (maxConcurrent < 1 || maxQueued < 0) {
      throw new IllegalArgumentException("a bulkhead needs maxConcurrent >= 1 and maxQueued >= 0");
    }
    this.maxConcurrent = maxConcurrent;
    this.maxQueued = maxQueued;
  }

  /** Runs {@code work} now, or once a place frees up, or fails with {@link Full} when the queue is full too. */
  <T> Future<T> run(Supplier<Future<T>> work) {
    if (running < maxConcurrent) {
      return start(work);
    }
    if (waiting.size() >= maxQueued) {
      return Future.failedFuture(new Full(maxConcurrent, maxQueued));
    }
    Promise<T> turn = Promise.promise();
    waiting.add(() -> start(work).onComplete(turn));
    return turn.future();
  }

  int running() {
    return running;
  }

  int queued() {
    return waiting.size();
  }

  private <T> Future<T> start(Supplier<Future<T>> work) {
    running++;
    Future<T> outcome;
    try {
      outcome = work.get();
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome.andThen(done -> {
      running--;
      Runnable next = waiting.poll();
      if (next != null) {
        next.run();
      }
    });
  }

  /** The bulkhead turned work away: everything it holds is busy or waiting. */
  static final class Full extends RuntimeException {
    Full(int maxConcurrent, int maxQueued) {
      super("bulkhead full: " + maxConcurrent + " calls in flight and " + maxQueued + " waiting", null, false, false);
    }
  }
}

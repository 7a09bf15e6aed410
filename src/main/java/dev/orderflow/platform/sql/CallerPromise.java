package dev.orderflow.platform.sql;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * How a database thread (the writer, a reader) answers the code that handed it work: the caller's
 * future completes on the caller's context, never on the database thread.
 */
final class CallerPromise<T> {

  private final Context context;
  private final Promise<T> promise = Promise.promise();

  /** On the caller's thread: remembers its context. */
  CallerPromise(Vertx vertx) {
    this.context = vertx.getOrCreateContext();
  }

  Future<T> future() {
    return promise.future();
  }

  /** From any thread: fails with {@code failure} when there is one, else completes with {@code result}. */
  void settle(T result, Throwable failure) {
    context.runOnContext(ignored -> {
      if (failure != null) {
        promise.fail(failure);
      } else {
        promise.complete(result);
      }
    });
  }
}

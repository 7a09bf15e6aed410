package dev.orderflow.checkout;

import dev.orderflow.platform.Bulkhead;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs sagas to a settled state (confirmed, cancelled or parked), persisting every transition
 * before acting on it. One run per saga at a time in this instance: asking to drive a saga that
 * is already running joins that run. At most {@code max-running} sagas run at once, the rest wait
 * in arrival order (their deadlines running), so that a burst of orders queues here instead of
 * overflowing the bulkhead of payments and being cancelled for it.
 *
 * <p>Reserve and charge race their deadline; a refusal or a passed deadline turns the saga to its
 * compensations; a transient fault of a forward step is retried with backoff until the deadline
 * (confirm, the pivot, has none: see {@link Saga.Step#hasDeadline()}).
 * A compensation is retried with backoff and parked after the configured number of tries.
 */
final class SagaDriver {

  private static final Logger LOG = LoggerFactory.getLogger(SagaDriver.class);

  private final Vertx vertx;
  private final SagaStore store;
  private final CheckoutSteps steps;
  private final CheckoutOptions options;
  private final Map<String, Future<Saga>> running = new ConcurrentHashMap<>();
  private final Bulkhead admission;
  private volatile boolean closed;

  SagaDriver(Vertx vertx, SagaStore store, CheckoutSteps steps, CheckoutOptions options) {
    this.vertx = vertx;
    this.store = store;
    this.steps = steps;
    this.options = options;
    // sagas are stored before they are driven, so any number may wait for a place
    this.admission = new Bulkhead(options.maxRunning(), Integer.MAX_VALUE);
  }

  /**
   * Drives the saga of {@code orderId}, read afresh once this run owns it, until it settles;
   * completes with the settled saga. A run that fails on its way (the database refused a write,
   * say) is started again after the longest retry delay, from what was last stored.
   */
  Future<Saga> drive(String orderId) {
    Promise<Saga> settled = Promise.promise();
    Future<Saga> existing = running.putIfAbsent(orderId, settled.future());
    if (existing != null) {
      return existing;
    }
    admission.run(() -> store.find(orderId).compose(found -> found.map(this::run)
        .orElseGet(() -> Future.failedFuture(new NoSuchSaga(orderId)))))
      .onComplete(outcome -> {
        running.remove(orderId);
        if (outcome.failed()) {
          driveAgainLater(orderId, outcome.cause());
        }
        settled.handle(outcome);
      });
    return settled.future();
  }

  /** Stops driving sagas again after a failure: the module is going away. */
  void close() {
    closed = true;
  }

  private void driveAgainLater(String orderId, Throwable failure) {
    if (failure instanceof NoSuchSaga || closed) {
      LOG.error("saga {} stopped: {}", orderId, failure.getMessage());
      return;
    }
    LOG.warn("saga {} stopped: {}; driven again in {} ms", orderId, failure.getMessage(), options.retryMaxMs());
    vertx.setTimer(options.retryMaxMs(), fired -> {
      if (!closed) {
        drive(orderId);
      }
    });
  }

  long deadlineFromNow() {
    return System.currentTimeMillis() + options.stepDeadlineMs();
  }

  private Future<Saga> run(Saga saga) {
    if (saga.settled()) {
      return Future.succeededFuture(saga);
    }
    Future<Saga> next = saga.state() == Saga.State.RUNNING ? forward(saga) : compensation(saga);
    return next.compose(this::run);
  }

  private Future<Saga> forward(Saga saga) {
    if (!saga.step().hasDeadline()) {
      return afterForwardStep(saga, steps.run(saga));
    }
    long left = saga.deadlineAt() - System.currentTimeMillis();
    if (left <= 0) {
      return turnBack(saga, CheckoutSteps.TIMEOUT, "deadline passed before " + saga.step() + " could finish");
    }
    return afterForwardStep(saga, withDeadline(steps.run(saga), left));
  }

  private Future<Saga> afterForwardStep(Saga saga, Future<StepOutcome> step) {
    return step.recover(failure -> Future.succeededFuture(failure instanceof DeadlinePassed
      ? StepOutcome.refused(CheckoutSteps.TIMEOUT, saga.step() + " did not finish within its deadline")
      : StepOutcome.transientFailure(String.valueOf(failure.getMessage()))))
      .compose(outcome -> switch (outcome.kind()) {
        case DONE -> saga.step() == Saga.Step.CONFIRM
          ? store.save(saga.confirmed(now()), saga.step(), "OK", outcome.detail()).onSuccess(done -> log(done, "confirmed"))
          : store.save(saga.advance(next(saga.step()), deadlineFromNow(), now()), saga.step(), "OK", outcome.detail());
        case REFUSED -> turnBack(saga, outcome.reason(), outcome.detail());
        case TRANSIENT -> store.save(saga.failedAttempt(outcome.detail(), now()), saga.step(), "RETRY", outcome.detail())
          .compose(failed -> backoff(failed).map(failed));
      });
  }

  private Future<Saga> compensation(Saga saga) {
    return steps.run(saga)
      .compose(outcome -> store.save(saga.nextCompensation(now()), saga.step(), "OK", outcome.detail()))
      .onSuccess(next -> {
        if (next.state() == Saga.State.CANCELLED) {
          log(next, "cancelled " + next.reason());
        }
      })
      .recover(failure -> {
        Saga failed = saga.failedAttempt(String.valueOf(failure.getMessage()), now());
        if (failed.attempts() >= options.compensationMaxAttempts()) {
          return store.save(failed.parked(now()), saga.step(), "PARKED", failed.lastError())
            .onSuccess(parked -> LOG.warn("saga {} parked at {} after {} tries: {} correlationId={}", parked.orderId(), parked.step(),
              parked.attempts(), parked.lastError(), parked.correlationId()));
        }
        return store.save(failed, saga.step(), "RETRY", failed.lastError()).compose(saved -> backoff(saved).map(saved));
      });
  }

  private Future<Saga> turnBack(Saga saga, String reason, String detail) {
    return store.save(saga.compensate(reason, now()), saga.step(), "FAILED", reason + ": " + detail)
      .onSuccess(turned -> LOG.info("saga {} compensating after {}: {} {} correlationId={}", saga.orderId(), saga.step(), reason, detail,
        saga.correlationId()));
  }

  /**
   * Exponential backoff with "equal" jitter (half fixed, half random), so that the tries of a
   * compensation are sure to span a dependency's breaker reset; never past a forward step's deadline.
   */
  private Future<Void> backoff(Saga saga) {
    long ceiling = Math.max(2, Math.min(options.retryMaxMs(), options.retryInitialMs() << Math.min(saga.attempts() - 1, 20)));
    long delay = ceiling / 2 + 1 + ThreadLocalRandom.current().nextLong(ceiling / 2);
    if (saga.state() == Saga.State.RUNNING && saga.step().hasDeadline()) {
      delay = Math.max(1, Math.min(delay, saga.deadlineAt() - System.currentTimeMillis()));
    }
    return vertx.timer(delay).mapEmpty();
  }

  private <T> Future<T> withDeadline(Future<T> step, long millis) {
    Promise<T> outcome = Promise.promise();
    long timer = vertx.setTimer(millis, fired -> outcome.tryFail(new DeadlinePassed()));
    step.onComplete(result -> {
      vertx.cancelTimer(timer);
      if (result.succeeded()) {
        outcome.tryComplete(result.result());
      } else {
        outcome.tryFail(result.cause());
      }
    });
    return outcome.future();
  }

  private static Saga.Step next(Saga.Step step) {
    return step == Saga.Step.RESERVE ? Saga.Step.CHARGE : Saga.Step.CONFIRM;
  }

  private static void log(Saga saga, String what) {
    LOG.info("saga {} {} correlationId={}", saga.orderId(), what, saga.correlationId());
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /** The saga asked for is not stored. */
  private static final class NoSuchSaga extends RuntimeException {
    NoSuchSaga(String orderId) {
      super("no saga is stored for order " + orderId, null, false, false);
    }
  }

  /** A forward step's deadline passed before it answered. */
  private static final class DeadlinePassed extends RuntimeException {
    DeadlinePassed() {
      super("deadline passed", null, false, false);
    }
  }
}

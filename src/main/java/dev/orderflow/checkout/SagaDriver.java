package dev.orderflow.checkout;

import dev.orderflow.platform.core.Backoff;
import dev.orderflow.platform.core.Bulkhead;
import dev.orderflow.platform.core.Correlation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Runs sagas to a settled state (confirmed, cancelled or parked), persisting every transition
 * before acting on it. One run per saga at a time in this instance: asking to drive a saga that
 * is already running joins that run. At most {@code max-running} sagas take a turn at once, the
 * rest wait in arrival order, so that a burst of orders queues here instead of overflowing the
 * bulkhead of payments and being cancelled for it; a saga waiting out a backoff holds no place.
 *
 * <p>Reserve and charge race their deadline, whose clock starts when the step is first sent (a
 * saga waiting for a place is not late: its participant was not asked yet); a refusal or a passed
 * deadline turns the saga to its compensations; a transient fault of a forward step is retried
 * with backoff until the deadline (confirm, the pivot, has none: see {@link Saga.Step#hasDeadline()}).
 * A compensation is retried with backoff and parked after the configured number of tries.
 *
 * <p>With several instances a saga has one owner, the instance that drives it, holding a lease
 * that every write of the saga renews (and the module's timer, for sagas that wait). An instance
 * drives only the sagas it owns or takes over: those whose lease ran out, their owner gone.
 */
final class SagaDriver {

  private static final Logger LOG = LoggerFactory.getLogger(SagaDriver.class);
  /** After losing a takeover race: read at once who holds the saga now. */
  private static final long LOOK_AGAIN_MS = 1;

  private final Vertx vertx;
  private final SagaStore store;
  private final CheckoutSteps steps;
  private final CheckoutOptions options;
  private final Map<String, Future<Saga>> running = new ConcurrentHashMap<>();
  private final LongAdder settledSagas = new LongAdder();
  private final Bulkhead admission;
  private final Backoff backoff;
  private volatile boolean closed;

  SagaDriver(Vertx vertx, SagaStore store, CheckoutSteps steps, CheckoutOptions options) {
    this.vertx = vertx;
    this.store = store;
    this.steps = steps;
    this.options = options;
    // sagas are stored before they are driven, so any number may wait for a place
    this.admission = new Bulkhead(options.maxRunning(), Integer.MAX_VALUE);
    this.backoff = new Backoff(options.retryInitialMs(), options.retryMaxMs(), Backoff.Jitter.EQUAL);
  }

  /**
   * Drives a saga until it settles, from {@code current} (as just stored or read) at its first turn
   * and read afresh at every later turn; completes with the settled saga. A stale {@code current}
   * costs one failed turn: its write finds the saga changed. A saga that must wait (a backoff before
   * its next try) gives up its place meanwhile and queues again after the wait. A turn that fails on
   * its way (the database refused a write, say) is taken again after the longest retry delay, from
   * what was last stored.
   */
  Future<Saga> drive(Saga current) {
    Promise<Saga> settled = Promise.promise();
    Future<Saga> existing = running.putIfAbsent(current.orderId(), settled.future());
    if (existing != null) {
      return existing;
    }
    turn(current.orderId(), () -> Future.succeededFuture(Optional.of(current)), settled);
    return settled.future();
  }

  /** The sagas this instance is driving (or waiting for, should another instance hold them); a live view. */
  Set<String> driven() {
    return Collections.unmodifiableSet(running.keySet());
  }

  /** Whether this instance is driving the saga (taking a turn, waiting for one, or waiting out a backoff). */
  boolean driving(String orderId) {
    return running.containsKey(orderId);
  }

  /** The sagas this instance holds unsettled: taking a turn, waiting for one, or waiting out a backoff. */
  int backlog() {
    return running.size();
  }

  /** How many sagas this instance has driven to a settled state since it started. */
  long settledCount() {
    return settledSagas.sum();
  }

  /** Stops taking turns after a wait or a failure: the module is going away. */
  void close() {
    closed = true;
  }

  private void turn(String orderId, Supplier<Future<Optional<Saga>>> current, Promise<Saga> settled) {
    admission.run(() -> current.get().compose(found -> found.map(this::driveOwned)
        .orElseGet(() -> Future.failedFuture(new NoSuchSaga(orderId)))))
      .onComplete(outcome -> {
        if (outcome.succeeded() && outcome.result().saga().settled()) {
          running.remove(orderId);
          settledSagas.increment();
          settled.complete(outcome.result().saga());
        } else if (outcome.failed() && (outcome.cause() instanceof NoSuchSaga || closed)) {
          LOG.error("saga {} stopped: {}", orderId, outcome.cause().getMessage());
          running.remove(orderId);
          settled.fail(outcome.cause());
        } else if (outcome.failed()) {
          LOG.warn("saga {} stopped: {}; taken up again in {} ms", orderId, outcome.cause().getMessage(), options.retryMaxMs());
          later(options.retryMaxMs(), orderId, settled);
        } else {
          later(outcome.result().waitMs(), orderId, settled);
        }
      });
  }

  private void later(long waitMs, String orderId, Promise<Saga> settled) {
    vertx.setTimer(waitMs, fired -> {
      if (closed) {
        running.remove(orderId);
        settled.fail("the checkout stopped before saga " + orderId + " settled");
      } else {
        turn(orderId, () -> store.find(orderId), settled);
      }
    });
  }

  /**
   * Drives a saga this instance owns. One whose owner's lease runs is left to that owner (an
   * instance asked to drive it anyway, by a redelivered OrderPlaced or a caller waiting for a
   * synchronous checkout, looks again when the lease would run out, so that it takes the saga over
   * should the owner stop renewing it, or sees it settle). One whose lease ran out is taken over.
   */
  private Future<Progress> driveOwned(Saga saga) {
    long now = now();
    if (saga.settled() || saga.ownedBy(store.instance())) {
      return advance(saga);
    }
    if (saga.leased(now)) {
      return Future.succeededFuture(new Progress(saga, Math.max(1, Math.min(saga.leaseUntil() - now, options.retryMaxMs()))));
    }
    return store.takeOver(saga, now).compose(taken -> taken
      .map(ours -> {
        LOG.atWarn().addKeyValue(Correlation.LOG_FIELD, saga.correlationId()).log(
          "saga {} taken over from {} by {} at {}/{}, its lease expired at {} correlationId={}", saga.orderId(), saga.ownerName(),
          store.instance(), saga.state(), saga.step(), Instant.ofEpochMilli(saga.leaseUntil()), saga.correlationId());
        return advance(ours);
      })
      // another instance took it first, or its owner renewed after all: the next turn reads who holds it
      .orElseGet(() -> Future.succeededFuture(new Progress(saga, LOOK_AGAIN_MS))));
  }

  /** Runs steps until the saga settles or must wait before its next try. */
  private Future<Progress> advance(Saga saga) {
    if (saga.settled()) {
      return Future.succeededFuture(Progress.now(saga));
    }
    Future<Progress> next = saga.state() == Saga.State.RUNNING ? forward(saga) : compensation(saga);
    return next.compose(progress -> progress.waitMs() > 0 ? Future.succeededFuture(progress) : advance(progress.saga()));
  }

  private Future<Progress> forward(Saga stored) {
    if (!stored.step().hasDeadline()) {
      return afterForwardStep(stored, steps.run(stored));
    }
    // the first try starts the clock; it is stored with the step's next write (a retry, a turn back)
    Saga saga = stored.clockStarted() ? stored : stored.withDeadline(now() + options.stepDeadlineMs());
    long left = saga.deadlineAt() - System.currentTimeMillis();
    if (left <= 0) {
      return turnBack(saga, CheckoutContract.TIMEOUT, "deadline passed before " + saga.step() + " could finish");
    }
    return afterForwardStep(saga, steps.run(saga).timeout(left, TimeUnit.MILLISECONDS));
  }

  private Future<Progress> afterForwardStep(Saga saga, Future<StepOutcome> step) {
    return step.recover(failure -> Future.succeededFuture(failure instanceof TimeoutException
      ? StepOutcome.refused(CheckoutContract.TIMEOUT, saga.step() + " did not finish within its deadline")
      : StepOutcome.transientFailure(String.valueOf(failure.getMessage()))))
      .compose(outcome -> switch (outcome.kind()) {
        case DONE -> (saga.step() == Saga.Step.CONFIRM
          ? store.save(saga.confirmed(now()), saga.step(), "OK", outcome.detail()).onSuccess(done -> log(done, "confirmed"))
          : store.save(saga.advance(next(saga.step()), Saga.CLOCK_NOT_STARTED, now()), saga.step(), "OK", outcome.detail()))
          .map(Progress::now);
        case REFUSED -> turnBack(saga, outcome.reason(), outcome.detail());
        case TRANSIENT -> store.save(saga.failedAttempt(outcome.detail(), now()), saga.step(), "RETRY", outcome.detail())
          .map(failed -> new Progress(failed, backoff(failed)));
      });
  }

  private Future<Progress> compensation(Saga saga) {
    return steps.run(saga)
      .compose(outcome -> store.save(saga.nextCompensation(now()), saga.step(), "OK", outcome.detail()))
      .map(Progress::now)
      .onSuccess(next -> {
        if (next.saga().state() == Saga.State.CANCELLED) {
          log(next.saga(), "cancelled " + next.saga().reason());
        }
      })
      .recover(failure -> {
        Saga failed = saga.failedAttempt(String.valueOf(failure.getMessage()), now());
        if (failed.attempts() >= options.compensationMaxAttempts()) {
          return store.save(failed.parked(now()), saga.step(), "PARKED", failed.lastError())
            .onSuccess(parked -> LOG.warn("saga {} parked at {} after {} tries: {} correlationId={}", parked.orderId(), parked.step(),
              parked.attempts(), parked.lastError(), parked.correlationId()))
            .map(Progress::now);
        }
        return store.save(failed, saga.step(), "RETRY", failed.lastError()).map(saved -> new Progress(saved, backoff(saved)));
      });
  }

  private Future<Progress> turnBack(Saga saga, String reason, String detail) {
    return store.save(saga.compensate(reason, now()), saga.step(), "FAILED", reason + ": " + detail)
      .onSuccess(turned -> LOG.info("saga {} compensating after {}: {} {} correlationId={}", saga.orderId(), saga.step(), reason, detail,
        saga.correlationId()))
      .map(Progress::now);
  }

  /**
   * Equal jitter (half fixed, half random), so that the tries of a compensation are sure to span a
   * dependency's breaker reset; never past a forward step's deadline.
   */
  private long backoff(Saga saga) {
    long delay = backoff.delayAfter(saga.attempts());
    if (saga.state() == Saga.State.RUNNING && saga.step().hasDeadline()) {
      delay = Math.max(1, Math.min(delay, saga.deadlineAt() - System.currentTimeMillis()));
    }
    return delay;
  }

  private static Saga.Step next(Saga.Step step) {
    return step == Saga.Step.RESERVE ? Saga.Step.CHARGE : Saga.Step.CONFIRM;
  }

  private static void log(Saga saga, String what) {
    LOG.atInfo().addKeyValue(Correlation.LOG_FIELD, saga.correlationId()).log("saga {} {} correlationId={}", saga.orderId(), what, saga.correlationId());
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /** Where a turn left the saga: settled, or to be taken up again after {@code waitMs} (0: go on at once). */
  private record Progress(Saga saga, long waitMs) {
    static Progress now(Saga saga) {
      return new Progress(saga, 0);
    }
  }

  /** The saga asked for is not stored. */
  private static final class NoSuchSaga extends RuntimeException {
    NoSuchSaga(String orderId) {
      super("no saga is stored for order " + orderId, null, false, false);
    }
  }
}

package dev.orderflow.payments;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The payment provider's circuit breaker (Resilience4j): opens when the failure rate of the latest
 * attempts reaches the configured percentage, so that a provider failing now and then (which the
 * retries absorb) keeps it closed while one that is down opens it. Open, it fails attempts at once
 * with {@link CallNotPermittedException}; after the reset time a Vert.x timer moves it to half-open,
 * where a few trial attempts decide. Its state is the gauge {@code orderflow.breaker.state}.
 */
final class ProviderBreaker {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderBreaker.class);
  private static final int HALF_OPEN_TRIALS = 3;

  private final Vertx vertx;
  private final CircuitBreaker breaker;
  private final long resetMs;
  private volatile long halfOpenTimer = -1;

  ProviderBreaker(Vertx vertx, PaymentsOptions options, MeterRegistry registry) {
    this.vertx = vertx;
    this.resetMs = options.breakerResetMs();
    this.breaker = CircuitBreaker.of("payments-" + PaymentsContract.PROVIDER_RECORD, CircuitBreakerConfig.custom()
      .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
      .slidingWindowSize(options.breakerWindow())
      .minimumNumberOfCalls(options.breakerMinAttempts())
      .failureRateThreshold(options.breakerFailureRate())
      .waitDurationInOpenState(Duration.ofMillis(options.breakerResetMs()))
      .permittedNumberOfCallsInHalfOpenState(HALF_OPEN_TRIALS)
      .build());
    breaker.getEventPublisher().onStateTransition(event -> onTransition(event.getStateTransition().getToState()));
    Gauge.builder("orderflow.breaker.state", breaker, ProviderBreaker::stateValue)
      .description("Circuit breaker of a target service: 0 closed, 1 half-open, 2 open")
      .tag("service", PaymentsContract.PROVIDER_RECORD)
      .register(registry);
  }

  /** Runs one attempt through the breaker: refused at once while open, otherwise counted by its outcome. */
  <T> Future<T> execute(Supplier<Future<T>> attempt) {
    if (!breaker.tryAcquirePermission()) {
      return Future.failedFuture(CallNotPermittedException.createCallNotPermittedException(breaker));
    }
    long started = System.nanoTime();
    Future<T> outcome;
    try {
      outcome = attempt.get();
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome.andThen(done -> {
      long nanos = System.nanoTime() - started;
      if (done.succeeded()) {
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      } else {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, done.cause());
      }
    });
  }

  void close() {
    vertx.cancelTimer(halfOpenTimer);
  }

  private void onTransition(CircuitBreaker.State to) {
    switch (to) {
      case OPEN -> {
        LOG.warn("payment-provider circuit breaker open: failure rate {} % of the latest attempts", breaker.getMetrics().getFailureRate());
        // half-open after the reset time even when no call comes to try it, so that the state shown is true
        halfOpenTimer = vertx.setTimer(resetMs, fired -> {
          if (breaker.getState() == CircuitBreaker.State.OPEN) {
            breaker.transitionToHalfOpenState();
          }
        });
      }
      case HALF_OPEN -> LOG.info("payment-provider circuit breaker half-open: {} trial attempts", HALF_OPEN_TRIALS);
      case CLOSED -> LOG.info("payment-provider circuit breaker closed");
      default -> LOG.warn("payment-provider circuit breaker {}", to);
    }
  }

  private static int stateValue(CircuitBreaker breaker) {
    return switch (breaker.getState()) {
      case HALF_OPEN -> 1;
      case OPEN, FORCED_OPEN -> 2;
      default -> 0;
    };
  }
}

package dev.orderflow.payments;

import dev.orderflow.platform.core.Backoff;
import dev.orderflow.platform.core.Bulkhead;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every provider call goes through here. The bulkhead bounds the calls in flight (a call keeps its
 * place through its retries, so that new calls cannot starve it). Each attempt is timed out and
 * passes the circuit breaker, which so counts attempts: the provider's health. A timeout, a
 * connection error or a 5xx is retried with exponential backoff and full jitter; retrying a POST is
 * safe because every attempt carries the same idempotency key. A 4xx (a 402 decline included) is an
 * answer: returned as is, never retried, never counted by the breaker; except a refusal of our API
 * key (401, 403), which says nothing about the request: a failure that is not retried (the key
 * will not change in between) nor counted (the provider is healthy). Logs one line per attempt
 * with the correlation id.
 */
final class ProviderCalls {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderCalls.class);

  private final Vertx vertx;
  private final ProviderClient client;
  private final Bulkhead bulkhead;
  private final ProviderBreaker breaker;
  private final Backoff backoff;
  private final int maxAttempts;
  private final Counter retries;

  ProviderCalls(Vertx vertx, ProviderClient client, PaymentsOptions options, MeterRegistry registry) {
    this.vertx = vertx;
    this.client = client;
    this.bulkhead = new Bulkhead(options.maxConcurrent(), options.maxQueued());
    this.backoff = new Backoff(options.retryInitialMs(), options.retryMaxMs(), Backoff.Jitter.FULL);
    this.maxAttempts = options.maxAttempts();
    this.breaker = new ProviderBreaker(vertx, options, registry);
    this.retries = Counter.builder("orderflow.payments.provider.retries")
      .description("Attempts at the payment provider that repeated a failed one under the same idempotency key")
      .register(registry);
  }

  /**
   * POSTs {@code body} until the provider answers (2xx or 4xx) or the attempts run out; then fails
   * with a {@link ProviderFailure} that says whether the provider may have done the work anyway.
   */
  Future<ProviderAnswer> post(String path, String idempotencyKey, JsonObject body, String correlationId) {
    Call call = new Call(path, idempotencyKey, body, correlationId);
    return client.endpoint()
      .compose(endpoint -> bulkhead.run(() -> attempt(call, endpoint, 1, false)))
      .recover(failure -> Future.failedFuture(asProviderFailure(failure)));
  }

  void close() {
    breaker.close();
  }

  /** A full bulkhead called nobody; anything unexpected might have, so it counts as uncertain. */
  private static ProviderFailure asProviderFailure(Throwable failure) {
    if (failure instanceof ProviderFailure known) {
      return known;
    }
    if (failure instanceof Bulkhead.Full full) {
      return new ProviderFailure("payment provider unavailable: " + full.getMessage(), false, false);
    }
    return new ProviderFailure("payment provider call failed: " + failure + "; the outcome is unknown", true, false);
  }

  private Future<ProviderAnswer> attempt(Call call, ProviderClient.Endpoint endpoint, int attempt, boolean earlierUncertain) {
    long started = System.nanoTime();
    return breaker.<ProviderAnswer>execute(() -> client.post(endpoint, call.path(), call.idempotencyKey(), call.body(),
          call.correlationId()).compose(ProviderCalls::serverErrorAsFailure))
      .compose(ProviderCalls::credentialsRefusedAsFailure)
      .andThen(outcome -> log(call, attempt, started, outcome.succeeded() ? outcome.result() : null, outcome.cause()))
      .recover(failure -> {
        ProviderFailure failed = classify(failure, attempt).afterEarlierAttempts(earlierUncertain);
        if (!failed.retryable() || attempt >= maxAttempts) {
          return Future.failedFuture(failed);
        }
        retries.increment();
        return vertx.timer(backoff.delayAfter(attempt), TimeUnit.MILLISECONDS)
          .compose(waited -> attempt(call, endpoint, attempt + 1, failed.uncertain()));
      });
  }

  /** A 5xx is a provider fault: a failure for the breaker and a reason to retry. */
  private static Future<ProviderAnswer> serverErrorAsFailure(ProviderAnswer answer) {
    return answer.status() >= 500
      ? Future.failedFuture(new ProviderFailure("payment provider unavailable: it answered " + answer.refusal(), false, true))
      : Future.succeededFuture(answer);
  }

  private static Future<ProviderAnswer> credentialsRefusedAsFailure(ProviderAnswer answer) {
    return answer.credentialsRefused()
      ? Future.failedFuture(new ProviderFailure("payment provider refused our credentials: it answered " + answer.refusal()
        + "; check ORDERFLOW_PAYMENTS_PROVIDER_API_KEY", false, false))
      : Future.succeededFuture(answer);
  }

  /**
   * Uncertain: the request may have reached the provider and been processed (a timeout, a
   * connection lost mid-request). Definite: it was not processed (a 5xx, a refused connection, an
   * open breaker; the last is not worth retrying at once).
   */
  private ProviderFailure classify(Throwable failure, int attempt) {
    String tries = " (attempt " + attempt + " of " + maxAttempts + ")";
    if (failure instanceof ProviderFailure known) {
      return new ProviderFailure(known.getMessage() + tries, known.uncertain(), known.retryable());
    }
    if (failure instanceof CallNotPermittedException) {
      return new ProviderFailure("payment provider unavailable: circuit breaker open after repeated failures" + tries, false, false);
    }
    if (failure instanceof TimeoutException) {
      return new ProviderFailure("payment provider did not answer within " + client.timeoutMs() + " ms" + tries
        + "; the outcome is unknown", true, true);
    }
    if (failure instanceof ConnectException) {
      return new ProviderFailure("payment provider unavailable: cannot connect: " + failure.getMessage() + tries, false, true);
    }
    return new ProviderFailure("payment provider connection failed: " + failure.getMessage() + tries
      + "; the outcome is unknown", true, true);
  }

  private static void log(Call call, int attempt, long started, ProviderAnswer answer, Throwable failure) {
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (answer != null) {
      // an answer is the hot path (what it meant is logged as the payment's event); a 5xx is retried and worth seeing
      LOG.atLevel(answer.status() >= 500 ? Level.INFO : Level.DEBUG).log("provider POST {} key={} attempt={} answered {} in {} ms correlationId={}",
        call.path(), call.idempotencyKey(), attempt, answer.status(), ms, call.correlationId());
    } else {
      LOG.warn("provider POST {} key={} attempt={} failed in {} ms: {} correlationId={}",
        call.path(), call.idempotencyKey(), attempt, ms, failure.getMessage(), call.correlationId());
    }
  }

  private record Call(String path, String idempotencyKey, JsonObject body, String correlationId) {
  }
}

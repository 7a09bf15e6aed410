package dev.orderflow.platform.bus;

import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.core.Wiring;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Gauge;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.Record;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request-reply to a module found by name: the address comes from its discovery record, every
 * request has a timeout, every target has its own circuit breaker (state changes published on
 * {@link #BREAKER_ADDRESS}), and failures come back as {@link ServiceFailure}. Refusals by the
 * target (4xx-like failure codes) and its reports of a dependency down (503, 504) are answers,
 * not faults: they never trip the breaker.
 */
public final class ServiceClient {

  public static final String BREAKER_ADDRESS = "orderflow.breakers";
  public static final String ACTION_HEADER = "action";
  /** How long the caller waits for the reply, so that the target can stop working for a caller that gave up. */
  public static final String TIMEOUT_HEADER = "timeout-ms";

  private final Vertx vertx;
  private final Discovery discovery;
  private final long defaultTimeoutMs;
  private final CircuitBreakerOptions breakerOptions;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  @Wiring
  public ServiceClient(Vertx vertx, Discovery discovery, JsonObject requestsConfig, MeterRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
    this.discovery = discovery;
    this.defaultTimeoutMs = requestsConfig.getInteger("timeout-ms");
    this.breakerOptions = new CircuitBreakerOptions()
      .setMaxFailures(requestsConfig.getInteger("breaker-max-failures"))
      .setResetTimeout(requestsConfig.getInteger("breaker-reset-timeout-ms"))
      .setTimeout(-1);
  }

  public Future<JsonObject> request(String service, String action, JsonObject body, String correlationId) {
    return request(service, action, body, correlationId, defaultTimeoutMs);
  }

  /**
   * A request made while answering {@code within}: it carries that request's correlation id and
   * waits no longer than its caller still waits (nor longer than the default timeout). Once the
   * caller gave up it is not sent at all: a target whose answer nobody awaits is not at fault
   * for it, and its breaker must not count it.
   */
  public Future<JsonObject> request(String service, String action, JsonObject body, BusEndpoint.Request within) {
    long remaining = within.remainingMs();
    if (remaining <= 0) {
      return Future.failedFuture(new ServiceFailure(ServiceFailure.Kind.TIMEOUT,
        "'" + service + "' was not asked: the caller stopped waiting first", 0));
    }
    return request(service, action, body, within.correlationId(), Math.min(defaultTimeoutMs, remaining));
  }

  /** Like {@link #request(String, String, JsonObject, String)} for an action known to take longer than the default timeout. */
  public Future<JsonObject> request(String service, String action, JsonObject body, String correlationId, long timeoutMs) {
    return discovery.lookup(service).compose(record -> record == null
      ? Future.failedFuture(unavailable(service, "no '" + service + "' service is registered"))
      : breaker(service).<JsonObject>execute(() -> send(record, action, body, correlationId, timeoutMs))
        .recover(failure -> Future.failedFuture(classify(service, failure, timeoutMs))));
  }

  private Future<JsonObject> send(Record record, String action, JsonObject body, String correlationId, long timeoutMs) {
    DeliveryOptions options = new DeliveryOptions()
      .setSendTimeout(timeoutMs)
      .addHeader(ACTION_HEADER, action)
      .addHeader(TIMEOUT_HEADER, Long.toString(timeoutMs))
      .addHeader(Correlation.BUS_HEADER, correlationId);
    return vertx.eventBus().<JsonObject>request(record.getLocation().getString("endpoint"), body, options)
      .map(Message::body);
  }

  /** The state of the breaker in front of each service this instance has called, by service name. */
  public JsonObject breakerStates() {
    JsonObject states = new JsonObject();
    breakers.forEach((service, breaker) -> states.put(service, breaker.state().name()));
    return states;
  }

  private CircuitBreaker breaker(String service) {
    return breakers.computeIfAbsent(service, name -> {
      CircuitBreaker breaker = CircuitBreaker.create("service-" + name, vertx, breakerOptions);
      Gauge.builder("orderflow.breaker.state", breaker, b -> switch (b.state()) {
          case CLOSED -> 0;
          case HALF_OPEN -> 1;
          case OPEN -> 2;
        })
        .description("Circuit breaker of a target service: 0 closed, 1 half-open, 2 open")
        .tag("service", name)
        .register(registry);
      breaker.failurePolicy(ServiceClient::countsAsFault);
      breaker.openHandler(ignored -> announce(name, CircuitBreakerState.OPEN));
      breaker.halfOpenHandler(ignored -> announce(name, CircuitBreakerState.HALF_OPEN));
      breaker.closeHandler(ignored -> announce(name, CircuitBreakerState.CLOSED));
      return breaker;
    });
  }

  private void announce(String service, CircuitBreakerState state) {
    vertx.eventBus().publish(BREAKER_ADDRESS, new JsonObject().put("service", service).put("state", state.name()));
  }

  /**
   * A target that answers is not at fault: neither when it refuses (4xx) nor when it reports that
   * its own dependency is down or slow (503, 504), which that target's own breaker guards.
   */
  private static boolean countsAsFault(Future<Object> outcome) {
    return outcome.failed() && !(outcome.cause() instanceof ReplyException reply
      && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
      && (reply.failureCode() >= 400 && reply.failureCode() < 500 || reply.failureCode() == 503 || reply.failureCode() == 504));
  }

  private ServiceFailure classify(String service, Throwable failure, long timeoutMs) {
    if (failure instanceof OpenCircuitException) {
      return new ServiceFailure(ServiceFailure.Kind.UNAVAILABLE,
        "the circuit breaker of '" + service + "' is open after repeated failures", retryAfterSeconds());
    }
    if (!(failure instanceof ReplyException reply)) {
      return unavailable(service, "'" + service + "' failed: " + failure.getMessage());
    }
    return switch (reply.failureType()) {
      case TIMEOUT -> new ServiceFailure(ServiceFailure.Kind.TIMEOUT,
        "'" + service + "' did not answer within " + timeoutMs + " ms", 0);
      case NO_HANDLERS -> {
        discovery.forget(service);
        yield unavailable(service, "'" + service + "' has no live handler");
      }
      case ERROR -> unavailable(service, "'" + service + "' could not be reached: " + reply.getMessage());
      case RECIPIENT_FAILURE -> switch (reply.failureCode()) {
        case 400 -> new ServiceFailure(ServiceFailure.Kind.INVALID, reply.getMessage(), 0);
        case 422 -> new ServiceFailure(ServiceFailure.Kind.UNPROCESSABLE, reply.getMessage(), 0);
        case 404 -> new ServiceFailure(ServiceFailure.Kind.NOT_FOUND, reply.getMessage(), 0);
        case 409 -> new ServiceFailure(ServiceFailure.Kind.CONFLICT, reply.getMessage(), 0);
        case 412 -> new ServiceFailure(ServiceFailure.Kind.PRECONDITION_FAILED, reply.getMessage(), 0);
        case 504 -> new ServiceFailure(ServiceFailure.Kind.TIMEOUT, reply.getMessage(), 0);
        default -> unavailable(service, "'" + service + "' failed: " + reply.getMessage());
      };
    };
  }

  private ServiceFailure unavailable(String service, String message) {
    return new ServiceFailure(ServiceFailure.Kind.UNAVAILABLE, message, retryAfterSeconds());
  }

  private long retryAfterSeconds() {
    return Math.max(1, (breakerOptions.getResetTimeout() + 999) / 1000);
  }
}

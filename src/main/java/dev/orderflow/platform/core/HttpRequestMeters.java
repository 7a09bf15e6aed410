package dev.orderflow.platform.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsNaming;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The meters of a Vert.x instance's HTTP server requests, with the names and labels vertx-micrometer-metrics
 * gives them (method; route and code once answered), each resolved once and then kept. A method outside
 * HTTP's and WebDAV's own is labelled {@value #OTHER_METHOD}, so that a client inventing methods cannot
 * grow the registry without bound.
 */
final class HttpRequestMeters {

  static final String OTHER_METHOD = "_OTHER";

  private final MeterRegistry registry;
  private final MetricsNaming names;
  private final Set<HttpMethod> ownMethods = Set.copyOf(HttpMethod.values());
  private final Map<String, ByMethod> byMethod = new ConcurrentHashMap<>();
  private final Map<Answered, ByAnswer> byAnswer = new ConcurrentHashMap<>();

  /** What a request is counted by once answered: its method's label, its route (empty when none matched) and status. */
  record Answered(String method, String route, int code) {
  }

  /** The meters of one method: in flight, request sizes. */
  record ByMethod(String label, LongAdder inFlight, DistributionSummary requestBytes) {
  }

  /** The meters of one method, route and status. */
  record ByAnswer(Counter requests, Timer responseTime, DistributionSummary responseBytes) {
  }

  HttpRequestMeters(MeterRegistry registry, MetricsNaming names) {
    this.registry = registry;
    this.names = names;
  }

  ByMethod of(HttpMethod method) {
    return byMethod.computeIfAbsent(ownMethods.contains(method) ? method.name() : OTHER_METHOD, this::byMethod);
  }

  private ByAnswer of(Answered answered) {
    return byAnswer.computeIfAbsent(answered, this::byAnswer);
  }

  private ByMethod byMethod(String label) {
    Tags tags = Tags.of(Label.HTTP_METHOD.toString(), label);
    LongAdder inFlight = new LongAdder();
    Gauge.builder(names.getHttpActiveRequests(), inFlight, LongAdder::doubleValue)
      .description("Number of requests being processed").tags(tags).register(registry);
    return new ByMethod(label, inFlight,
      DistributionSummary.builder(names.getHttpRequestBytes()).description("Size of requests in bytes").tags(tags).register(registry));
  }

  private ByAnswer byAnswer(Answered answered) {
    Tags tags = Tags.of(Label.HTTP_METHOD.toString(), answered.method(), Label.HTTP_ROUTE.toString(), answered.route(),
      Label.HTTP_CODE.toString(), String.valueOf(answered.code()));
    return new ByAnswer(
      Counter.builder(names.getHttpRequestsCount()).description("Number of processed requests").tags(tags).register(registry),
      Timer.builder(names.getHttpResponseTime()).description("Request processing time").tags(tags).register(registry),
      DistributionSummary.builder(names.getHttpResponseBytes()).description("Size of responses in bytes").tags(tags).register(registry));
  }

  /** Counts a reset request: rare, so its counter is looked up then, and exists only once a request was reset. */
  void reset(ByMethod method) {
    Counter.builder(names.getHttpRequestResetsCount()).description("Number of request resets")
      .tags(Label.HTTP_METHOD.toString(), method.label()).register(registry).increment();
  }

  /** Records an answered request's count, time since {@code beganNanos} and response size. */
  void answered(Answered answered, long beganNanos, long bytesWritten) {
    ByAnswer meters = of(answered);
    meters.requests().increment();
    meters.responseTime().record(System.nanoTime() - beganNanos, TimeUnit.NANOSECONDS);
    meters.responseBytes().record(bytesWritten);
  }
}

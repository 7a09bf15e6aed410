package dev.orderflow.platform.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The instance's meter registry (Micrometer, Prometheus format): Vert.x's own HTTP server and
 * client, event bus, pools and JVM meters, plus Orderflow's (messages, lag, backlog, breakers).
 * One registry per instance, so that instances sharing a JVM (tests) never mix their figures.
 */
public final class Metrics {

  /** JVM meters whose names promtool rejects (abbreviated units, a "_count" gauge); their data is covered elsewhere. */
  private static final Set<String> LINT_FAILING = Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Wiring
  public Metrics() {
    registry.config().meterFilter(MeterFilter.deny(id -> LINT_FAILING.contains(id.getName())));
  }

  /** A Vert.x instance that reports to this registry. */
  @Wiring
  public Vertx newVertx() {
    return vertxBuilder(new EventBusOptions()).build();
  }

  /** A builder of a Vert.x instance that reports to this registry, with the event bus set as given (a clustered one joins a cluster). */
  @Wiring
  public VertxBuilder vertxBuilder(EventBusOptions eventBus) {
    return Vertx.builder().with(vertxOptions().setEventBusOptions(eventBus)).withMetrics(new ResolvedMetricsFactory(registry));
  }

  private static VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
      .setEnabled(true)
      .setRegistryName("orderflow-" + UUID.randomUUID())
      .setJvmMetricsEnabled(true)
      .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.EB_ADDRESS, Label.EB_FAILURE,
        Label.POOL_TYPE, Label.POOL_NAME))
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Serves the registry in the Prometheus text format. */
  public Handler<RoutingContext> scrapingHandler() {
    return PrometheusScrapingHandler.create(registry);
  }
}

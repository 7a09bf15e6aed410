package dev.orderflow.analytics;

import dev.orderflow.platform.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Answers the analytics' request-reply address. */
final class AnalyticsBusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsBusVerticle.class);

  private final AnalyticsStore store;
  private final OrderFigures orderFigures;

  AnalyticsBusVerticle(AnalyticsStore store, OrderFigures orderFigures) {
    this.store = store;
    this.orderFigures = orderFigures;
  }

  @Override
  public Future<?> start() {
    return BusEndpoint.serve(vertx, AnalyticsContract.ADDRESS, AnalyticsContract.ACTIONS, LOG, Map.of(
      AnalyticsContract.REGISTRATIONS, request -> store.registrations(),
      AnalyticsContract.ORDERS, request -> orderFigures.figures()));
  }
}

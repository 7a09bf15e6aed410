package dev.orderflow.checkout;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Gauges of how many sagas are in each state, refreshed from the saga table on a timer. */
final class SagaMetrics {

  private static final long REFRESH_MS = 2000;

  private final Map<Saga.State, AtomicLong> counts = new EnumMap<>(Saga.State.class);
  private final Vertx vertx;
  private final SagaStore store;
  private long timer = -1;

  SagaMetrics(Vertx vertx, SagaStore store, MeterRegistry registry) {
    this.vertx = vertx;
    this.store = store;
    for (Saga.State state : Saga.State.values()) {
      AtomicLong count = new AtomicLong();
      counts.put(state, count);
      Gauge.builder("orderflow.checkout.sagas", count, AtomicLong::get)
        .description("Checkout sagas by state")
        .tag("state", state.name())
        .register(registry);
    }
  }

  void start() {
    timer = vertx.setPeriodic(0, REFRESH_MS, tick -> store.countsByState().onSuccess(byState ->
      counts.forEach((state, count) -> count.set(byState.getOrDefault(state, 0L)))));
  }

  void stop() {
    vertx.cancelTimer(timer);
  }
}

package dev.orderflow.checkout;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Publishes this instance's backlog ({@link CheckoutContract#BACKLOG}) every {@value #PERIOD_MS} ms,
 * so that acceptance can refuse orders before they pile up here, without asking per order. The
 * notice is a publish, not a request: cheap at any rate of orders, and one lost costs nothing as the
 * next one follows shortly.
 */
final class BacklogNotices {

  /** Often enough that a burst is refused within a fraction of a second of passing the bound. */
  static final long PERIOD_MS = 200;
  /** A notice holds for a few periods: long enough to outlive one lost notice, short enough to forget a gone instance. */
  private static final long VALID_FOR_MS = 5 * PERIOD_MS;

  private final Vertx vertx;
  private final SagaDriver driver;
  private final int maxBacklog;
  private final String instance = UUID.randomUUID().toString();
  private long timer = -1;
  private long lastSettled;
  private long lastAt;
  private double settledPerSecond;

  BacklogNotices(Vertx vertx, SagaDriver driver, int maxBacklog) {
    this.vertx = vertx;
    this.driver = driver;
    this.maxBacklog = maxBacklog;
  }

  void start() {
    lastAt = System.nanoTime();
    timer = vertx.setPeriodic(PERIOD_MS, tick -> publish());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  private void publish() {
    long now = System.nanoTime();
    long settled = driver.settledCount();
    double lately = (settled - lastSettled) * 1e9 / Math.max(1, now - lastAt);
    // smoothed over about a second, so that one quiet period does not read as a stalled checkout
    settledPerSecond = settledPerSecond == 0 ? lately : 0.8 * settledPerSecond + 0.2 * lately;
    lastSettled = settled;
    lastAt = now;
    vertx.eventBus().publish(CheckoutContract.BACKLOG, new JsonObject()
      .put("instance", instance)
      .put("backlog", driver.backlog())
      .put("maxBacklog", maxBacklog)
      .put("settledPerSecond", Math.round(settledPerSecond * 10) / 10.0)
      .put("validForMs", VALID_FOR_MS));
  }
}

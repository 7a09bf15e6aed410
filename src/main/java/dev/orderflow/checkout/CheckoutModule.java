package dev.orderflow.checkout;

import dev.orderflow.platform.messaging.ConsumerGroupVerticle;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The checkout module: the saga orchestrator of orders (reserve → charge → confirm, compensations
 * in reverse), its synchronous twin and the admin view of sagas. Each saga is owned by the instance
 * that drives it, under a lease: every third of a lease this instance renews its leases in one
 * write and takes up the unfinished sagas whose lease ran out (their owner is gone), on start too;
 * on stop it ends its leases, so that another instance takes its sagas over at once.
 */
public final class CheckoutModule extends ServiceModule {

  private static final Logger LOG = LoggerFactory.getLogger(CheckoutModule.class);

  private SagaMetrics metrics;
  private SagaStore store;
  private SagaDriver driver;
  private BacklogNotices backlog;
  private long leases = -1;

  public CheckoutModule(Platform platform) {
    super(platform, CheckoutContract.SERVICE, CheckoutContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    CheckoutOptions options = CheckoutOptions.from(config());
    store = new SagaStore(database, platform.discovery().nodeId(), options.sagaLeaseMs());
    driver = new SagaDriver(vertx, store, new CheckoutSteps(platform.services(), options.paymentTimeoutMs()), options);
    Checkout checkout = new Checkout(store, driver);
    metrics = new SagaMetrics(vertx, store, platform.metrics().registry());
    metrics.start();
    backlog = new BacklogNotices(vertx, driver, options.maxBacklog());
    backlog.start();
    // long enough for a synchronous checkout's own instance to take its first step, short enough to leave its caller most of its patience
    long syncGraceMs = options.stepDeadlineMs() / 5;
    return vertx.deployVerticle(new CheckoutBusVerticle(checkout, platform.services()))
      .compose(bus -> {
        OrderPlacedListener listener = new OrderPlacedListener(vertx, checkout, syncGraceMs);
        return vertx.deployVerticle(ConsumerGroupVerticle.takingRuns(platform.messaging(), CheckoutContract.ORDERS_TOPIC,
          CheckoutContract.GROUP, CheckoutContract.ORDER_EVENTS, listener::onEvent, listener::onRun));
      })
      // an embedded database has had no other instance: the owners of its unfinished sagas were earlier runs of this process
      .compose(consuming -> database.embedded() ? store.voidLeasesOfOthers() : Future.succeededFuture(0))
      .compose(voided -> takeUpExpired())
      .onSuccess(taken -> {
        if (!taken.isEmpty()) {
          LOG.info("taking up {} unfinished checkout sagas whose owner is gone", taken.size());
        }
        leases = vertx.setPeriodic(Math.max(1, options.sagaLeaseMs() / 3), tick -> tendLeases());
      });
  }

  /**
   * Renews the lease of every saga this instance drives (one write, however many, so that a saga
   * waiting out a backoff or for a place keeps its owner), then takes up the sagas whose lease ran out.
   */
  private void tendLeases() {
    store.renew(driver.driven())
      .onFailure(failure -> LOG.warn("renewing the leases of the sagas this instance drives failed: {}", failure.getMessage()))
      .transform(renewed -> takeUpExpired())
      .onFailure(failure -> LOG.warn("looking for sagas whose owner is gone failed: {}", failure.getMessage()));
  }

  /** Drives the unfinished sagas whose lease ran out that this instance is not driving (each is taken over on its first turn). */
  private Future<List<Saga>> takeUpExpired() {
    return store.leaseExpired(System.currentTimeMillis()).map(expired -> {
      List<Saga> idle = expired.stream().filter(saga -> !driver.driving(saga.orderId())).toList();
      idle.forEach(driver::drive);
      return idle;
    });
  }

  /** Stops driving and hands this instance's sagas over (queued before the database closes, which lets queued writes finish). */
  @Override
  protected void release() {
    if (driver != null) {
      driver.close();
      store.handOver(driver.driven())
        .onSuccess(handed -> {
          if (handed > 0) {
            LOG.info("handed {} unfinished checkout sagas over to the other instances", handed);
          }
        })
        .onFailure(failure -> LOG.warn("could not hand the sagas this instance drives over: {}; they are taken over when their leases run out",
          failure.getMessage()));
    }
    vertx.cancelTimer(leases);
    if (metrics != null) {
      metrics.stop();
    }
    if (backlog != null) {
      backlog.stop();
    }
  }
}

package dev.orderflow.checkout;

import dev.orderflow.platform.messaging.ConsumerGroupVerticle;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * The checkout module: the saga orchestrator of orders (reserve → charge → confirm, compensations
 * in reverse), its synchronous twin and the admin view of sagas. On start it takes up every
 * saga a previous run left unfinished.
 */
public final class CheckoutModule extends ServiceModule {

  private static final Logger LOG = LoggerFactory.getLogger(CheckoutModule.class);

  private SagaMetrics metrics;
  private SagaDriver driver;
  private BacklogNotices backlog;
  private long takeover = -1;

  public CheckoutModule(Platform platform) {
    super(platform, CheckoutContract.SERVICE, CheckoutContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    CheckoutOptions options = CheckoutOptions.from(config());
    SagaStore store = new SagaStore(database);
    driver = new SagaDriver(vertx, store, new CheckoutSteps(platform.services(), options.paymentTimeoutMs()), options);
    Checkout checkout = new Checkout(store, driver);
    metrics = new SagaMetrics(vertx, store, platform.metrics().registry());
    metrics.start();
    backlog = new BacklogNotices(vertx, driver, options.maxBacklog());
    backlog.start();
    // long enough for a synchronous checkout's own instance to take its first step, short enough to leave its caller most of its patience
    long syncGraceMs = options.stepDeadlineMs() / 5;
    return vertx.deployVerticle(new CheckoutBusVerticle(checkout, platform.services()))
      .compose(bus -> vertx.deployVerticle(new ConsumerGroupVerticle(platform.messaging(), CheckoutContract.ORDERS_TOPIC,
        CheckoutContract.GROUP, CheckoutContract.ORDER_EVENTS, new OrderPlacedListener(vertx, checkout, syncGraceMs)::onEvent)))
      .compose(consuming -> driveUnfinished(store, Long.MAX_VALUE))
      .onSuccess(resumed -> {
        if (!resumed.isEmpty()) {
          LOG.info("resuming {} unfinished checkout sagas", resumed.size());
        }
        takeover = vertx.setPeriodic(Math.max(1, options.takeoverAfterMs() / 10), tick -> takeOverAbandoned(store, options));
      });
  }

  /**
   * Sagas no instance has written for a while belong to an instance that is gone (or stalled):
   * this one drives them. Should their instance still be at work, every step is idempotent and
   * every save compare-and-set, so the two cannot undo each other.
   */
  private void takeOverAbandoned(SagaStore store, CheckoutOptions options) {
    driveUnfinished(store, System.currentTimeMillis() - options.takeoverAfterMs())
      .onSuccess(taken -> taken.forEach(saga -> LOG.warn("taking up saga {} at {}/{}, unwritten since {} correlationId={}",
        saga.orderId(), saga.state(), saga.step(), Instant.ofEpochMilli(saga.updatedAt()), saga.correlationId())))
      .onFailure(failure -> LOG.warn("looking for abandoned sagas failed: {}", failure.getMessage()));
  }

  /** Drives the unfinished sagas last written before {@code writtenBefore} that this instance is not driving; completes with them. */
  private Future<List<Saga>> driveUnfinished(SagaStore store, long writtenBefore) {
    return store.unfinished(writtenBefore).map(unfinished -> {
      List<Saga> idle = unfinished.stream().filter(saga -> !driver.driving(saga.orderId())).toList();
      idle.forEach(saga -> driver.drive(saga.orderId()));
      return idle;
    });
  }

  @Override
  protected void release() {
    if (driver != null) {
      driver.close();
    }
    vertx.cancelTimer(takeover);
    if (metrics != null) {
      metrics.stop();
    }
    if (backlog != null) {
      backlog.stop();
    }
  }
}

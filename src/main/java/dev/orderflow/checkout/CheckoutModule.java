package dev.orderflow.checkout;

import dev.orderflow.platform.ConsumerGroupVerticle;
import dev.orderflow.platform.Database;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkout module: the saga orchestrator of orders (reserve → charge → confirm, compensations
 * in reverse), its synchronous twin and the admin view of sagas. On start it takes up every
 * saga a previous run left unfinished.
 */
public final class CheckoutModule extends ServiceModule {

  private static final Logger LOG = LoggerFactory.getLogger(CheckoutModule.class);

  private SagaMetrics metrics;
  private SagaDriver driver;

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
    return vertx.deployVerticle(new CheckoutBusVerticle(checkout, platform.services()))
      .compose(bus -> vertx.deployVerticle(new ConsumerGroupVerticle(platform.messaging(), CheckoutContract.ORDERS_TOPIC,
        CheckoutContract.GROUP, new OrderPlacedListener(checkout)::onEvent)))
      .compose(consuming -> store.unfinished())
      .onSuccess(unfinished -> {
        if (!unfinished.isEmpty()) {
          LOG.info("resuming {} unfinished checkout sagas", unfinished.size());
        }
        unfinished.forEach(saga -> driver.drive(saga.orderId()));
      });
  }

  @Override
  protected void release() {
    if (driver != null) {
      driver.close();
    }
    if (metrics != null) {
      metrics.stop();
    }
  }
}

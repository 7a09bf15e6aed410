package dev.orderflow.orders;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.messaging.OutboxRelayVerticle;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;

/** The orders module: the event store and read model of orders, relayed to {@code orderflow.orders}. */
public final class OrdersModule extends ServiceModule {

  public OrdersModule(Platform platform) {
    super(platform, OrdersContract.SERVICE, OrdersContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    OrdersOptions options = OrdersOptions.from(config());
    return platform.messaging().ensureTopics(OrdersContract.TOPIC)
      .compose(topics -> vertx.deployVerticle(new OutboxRelayVerticle(platform.messaging(), database, OrdersContract.SERVICE)))
      .compose(relaying -> vertx.deployVerticle(new OrdersBusVerticle(new OrdersStore(database).expiringKeys(),
        new OrderPricing(platform.services(), options.pricingCacheTtlMs()), options)));
  }
}

package dev.orderflow.orders;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.messaging.OutboxRelay;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;

/** The orders module: the event store and read model of orders, relayed to {@code orderflow.orders}. */
public final class OrdersModule extends ServiceModule {

  private OutboxRelay relay;

  public OrdersModule(Platform platform) {
    super(platform, OrdersContract.SERVICE, OrdersContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    return platform.messaging().ensureTopics(OrdersContract.TOPIC).compose(topics -> {
      relay = platform.messaging().startRelay(database, OrdersContract.SERVICE);
      return vertx.deployVerticle(new OrdersBusVerticle(new OrdersStore(database).expiringKeys(), new OrderPricing(platform.services()),
        OrdersOptions.from(config())));
    });
  }

  @Override
  protected void release() {
    if (relay != null) {
      relay.stop();
    }
  }
}

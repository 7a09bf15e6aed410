package dev.orderflow.analytics;

import dev.orderflow.platform.messaging.ConsumerGroupVerticle;
import dev.orderflow.platform.messaging.InboxEffects;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;

/** The analytics module: its replayable consumer group and its event-bus service. */
public final class AnalyticsModule extends ServiceModule {

  public AnalyticsModule(Platform platform) {
    super(platform, AnalyticsContract.SERVICE, AnalyticsContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    AnalyticsStore store = new AnalyticsStore(database);
    OrderFigures orderFigures = new OrderFigures(database);
    return vertx.deployVerticle(new AnalyticsBusVerticle(store, orderFigures))
      .compose(bus -> vertx.deployVerticle(new ConsumerGroupVerticle(platform.messaging(), AnalyticsContract.CUSTOMERS_TOPIC,
        AnalyticsContract.GROUP, AnalyticsContract.CUSTOMER_EVENTS,
        new InboxEffects(database, AnalyticsContract.GROUP, RegistrationCounting::effectOf), () -> store.clear(AnalyticsContract.GROUP))))
      .compose(registrations -> vertx.deployVerticle(new ConsumerGroupVerticle(platform.messaging(), AnalyticsContract.ORDERS_TOPIC,
        AnalyticsContract.ORDERS_GROUP, AnalyticsContract.ORDER_EVENTS,
        new InboxEffects(database, AnalyticsContract.ORDERS_GROUP, OrderCounting::effectOf),
        () -> orderFigures.clear(AnalyticsContract.ORDERS_GROUP))));
  }
}

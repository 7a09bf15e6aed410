package dev.orderflow.notifications;

import dev.orderflow.platform.messaging.ConsumerGroupVerticle;
import dev.orderflow.platform.messaging.InboxEffects;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;

/** The notifications module: its consumer group and its event-bus service. */
public final class NotificationsModule extends ServiceModule {

  public NotificationsModule(Platform platform) {
    super(platform, NotificationsContract.SERVICE, NotificationsContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    NotificationsStore store = new NotificationsStore(database);
    return vertx.deployVerticle(new NotificationsBusVerticle(store))
      .compose(bus -> vertx.deployVerticle(new ConsumerGroupVerticle(platform.messaging(), NotificationsContract.CUSTOMERS_TOPIC,
        NotificationsContract.GROUP, NotificationsContract.CUSTOMER_EVENTS,
        new InboxEffects(database, NotificationsContract.GROUP, WelcomeMessages::effectOf).whenApplied(WelcomeMessages::recorded),
        Future::succeededFuture)))
      .compose(welcomes -> vertx.deployVerticle(new ConsumerGroupVerticle(platform.messaging(), NotificationsContract.ORDERS_TOPIC,
        NotificationsContract.ORDERS_GROUP, NotificationsContract.ORDER_EVENTS,
        new InboxEffects(database, NotificationsContract.ORDERS_GROUP, OrderMessages::effectOf), Future::succeededFuture)));
  }
}

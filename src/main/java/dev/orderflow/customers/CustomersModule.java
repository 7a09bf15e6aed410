package dev.orderflow.customers;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.messaging.OutboxRelayVerticle;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;

/** The customers module: serves registrations and relays its outbox to {@code orderflow.customers}. */
public final class CustomersModule extends ServiceModule {

  public CustomersModule(Platform platform) {
    super(platform, CustomersContract.SERVICE, CustomersContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    return platform.messaging().ensureTopics(CustomersContract.TOPIC)
      .compose(topics -> vertx.deployVerticle(new OutboxRelayVerticle(platform.messaging(), database, CustomersContract.SERVICE)))
      .compose(relaying -> vertx.deployVerticle(new CustomersBusVerticle(new CustomersStore(database))));
  }
}

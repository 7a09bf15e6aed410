package dev.orderflow.customers;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.messaging.OutboxRelay;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;

/** The customers module: serves registrations and relays its outbox to {@code orderflow.customers}. */
public final class CustomersModule extends ServiceModule {

  private OutboxRelay relay;

  public CustomersModule(Platform platform) {
    super(platform, CustomersContract.SERVICE, CustomersContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    return platform.messaging().ensureTopics(CustomersContract.TOPIC).compose(topics -> {
      relay = platform.messaging().startRelay(database, CustomersContract.SERVICE);
      return vertx.deployVerticle(new CustomersBusVerticle(new CustomersStore(database)));
    });
  }

  @Override
  protected void release() {
    if (relay != null) {
      relay.stop();
    }
  }
}

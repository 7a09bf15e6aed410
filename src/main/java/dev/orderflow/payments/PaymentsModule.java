package dev.orderflow.payments;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;

/**
 * The payments module: its database, the {@code payment-provider} record when a provider URL is
 * configured, and the bus verticle that charges and refunds through the provider.
 */
public final class PaymentsModule extends ServiceModule {

  public PaymentsModule(Platform platform) {
    super(platform, PaymentsContract.SERVICE, PaymentsContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    PaymentsOptions options = PaymentsOptions.from(config());
    Future<?> provider = options.providerUrl().isEmpty()
      ? Future.succeededFuture()
      : vertx.deployVerticle(new ProviderRecordPublisher(platform.discovery(), options.providerUrl()));
    return provider.compose(published -> vertx.deployVerticle(new PaymentsBusVerticle(platform, new PaymentsStore(database), options)));
  }
}

package dev.orderflow.analytics;

import dev.orderflow.platform.Database;
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
    return vertx.deployVerticle(new AnalyticsBusVerticle(store))
      .compose(bus -> vertx.deployVerticle(new AnalyticsKafkaVerticle(platform.messaging(), store)));
  }
}

package dev.orderflow.catalog;

import dev.orderflow.platform.Database;
import dev.orderflow.platform.Platform;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The catalog module: opens its database, seeds the demo catalog when asked, deploys its
 * event-bus verticle and publishes the {@code catalog} discovery record.
 */
public final class CatalogModule extends VerticleBase {

  private final Platform platform;
  private Database database;
  private String registration;

  public CatalogModule(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Future<?> start() {
    CatalogOptions options = CatalogOptions.from(config());
    return platform.databases().open(CatalogContract.SERVICE)
      .compose(opened -> {
        database = opened;
        CatalogStore store = new CatalogStore(opened);
        return (options.seed() ? DemoCatalog.seedIfEmpty(store) : Future.<Void>succeededFuture())
          .compose(seeded -> vertx.deployVerticle(new CatalogBusVerticle(store)));
      })
      .compose(deployed -> platform.discovery().publishEventBusService(CatalogContract.SERVICE, CatalogContract.ADDRESS))
      .onSuccess(published -> registration = published);
  }

  @Override
  public Future<?> stop() {
    Future<Void> unpublished = registration == null ? Future.succeededFuture() : platform.discovery().unpublish(registration);
    return unpublished.eventually(() -> database == null ? Future.succeededFuture() : database.close());
  }
}

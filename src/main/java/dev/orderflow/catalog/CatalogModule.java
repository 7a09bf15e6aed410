package dev.orderflow.catalog;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;

/** The catalog module: seeds the demo catalog when asked, then serves the {@code catalog} service. */
public final class CatalogModule extends ServiceModule {

  public CatalogModule(Platform platform) {
    super(platform, CatalogContract.SERVICE, CatalogContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    CatalogStore store = new CatalogStore(database);
    return (CatalogOptions.from(config()).seed() ? DemoCatalog.seedIfEmpty(store) : Future.<Void>succeededFuture())
      .compose(seeded -> vertx.deployVerticle(new CatalogBusVerticle(store)));
  }
}

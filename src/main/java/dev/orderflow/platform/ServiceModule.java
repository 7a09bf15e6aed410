package dev.orderflow.platform;

import dev.orderflow.platform.sql.Database;
import io.micrometer.core.instrument.FunctionCounter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The shape of a module that owns data and serves requests: open its database, deploy its
 * verticles, publish its event-bus service; on stop unpublish first, then (after Vert.x has
 * undeployed the child verticles) close the database.
 */
public abstract class ServiceModule extends VerticleBase {

  protected final Platform platform;
  private final String service;
  private final String address;
  private Database database;
  private String registration;

  protected ServiceModule(Platform platform, String service, String address) {
    this.platform = platform;
    this.service = service;
    this.address = address;
  }

  /** Deploys the module's verticles once its database is open and migrated. */
  protected abstract Future<?> deploy(Database database);

  /** Releases what {@link #deploy} started outside child verticles; runs before the database closes. */
  protected void release() {
  }

  @Override
  public final Future<?> start() {
    return platform.databases().open(service)
      .compose(opened -> {
        database = opened;
        countWrites(opened);
        return deploy(opened);
      })
      .compose(deployed -> platform.discovery().publishEventBusService(service, address))
      .onSuccess(published -> registration = published);
  }

  /** Durable commits and the writes they held, per module: what a checkout costs the databases. */
  private void countWrites(Database opened) {
    FunctionCounter.builder("orderflow.db.commits", opened, Database::committedBatches)
      .description("Group-commit transactions committed by a module's database writer").tag("module", service)
      .register(platform.metrics().registry());
    FunctionCounter.builder("orderflow.db.writes", opened, Database::committedWrites)
      .description("Writes committed by a module's database writer").tag("module", service)
      .register(platform.metrics().registry());
  }

  @Override
  public final Future<?> stop() {
    Future<Void> unpublished = registration == null ? Future.succeededFuture() : platform.discovery().unpublish(registration);
    return unpublished.eventually(() -> {
      release();
      return database == null ? Future.succeededFuture() : database.close();
    });
  }
}

package dev.orderflow.paymentprovider;

import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.Platform;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The payment provider module: its database, its HTTP server, and the {@code payment-provider.faults}
 * event-bus service through which the gateway's admin API sets injected faults.
 */
public final class PaymentProviderModule extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentProviderModule.class);

  private final Platform platform;
  private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
  private Database database;
  private MessageConsumer<JsonObject> faultsEndpoint;
  private String registration;

  public PaymentProviderModule(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Future<?> start() {
    return platform.databases().open("payment-provider")
      .compose(opened -> {
        database = opened;
        return vertx.deployVerticle(new PaymentProviderHttpVerticle(platform, new ChargesStore(opened).expiringKeys(), faults,
          PaymentProviderOptions.from(config())));
      })
      .compose(deployed -> BusEndpoint.serve(vertx, PaymentProviderContract.SERVICE, PaymentProviderContract.ACTIONS, LOG, Map.of(
        PaymentProviderContract.GET_FAULTS, request -> Future.succeededFuture(faults.get().toJson()),
        PaymentProviderContract.SET_FAULTS, request -> {
          Faults updated = Faults.fromJson(request.body());
          faults.set(updated);
          LOG.warn("payment-provider faults set to {} correlationId={}", updated.toJson().encode(), request.correlationId());
          return Future.succeededFuture(updated.toJson());
        })))
      .compose(endpoint -> {
        faultsEndpoint = endpoint;
        return platform.discovery().publishEventBusService(PaymentProviderContract.SERVICE, PaymentProviderContract.SERVICE);
      })
      .onSuccess(published -> registration = published);
  }

  @Override
  public Future<?> stop() {
    Future<Void> unpublished = registration == null ? Future.succeededFuture() : platform.discovery().unpublish(registration);
    return unpublished
      .eventually(() -> faultsEndpoint == null ? Future.succeededFuture() : faultsEndpoint.unregister())
      .eventually(() -> database == null ? Future.succeededFuture() : database.close());
  }
}

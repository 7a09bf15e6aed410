package dev.orderflow.notifications;

import dev.orderflow.platform.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Answers the notifications' request-reply address. */
final class NotificationsBusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationsBusVerticle.class);

  private final NotificationsStore store;

  NotificationsBusVerticle(NotificationsStore store) {
    this.store = store;
  }

  @Override
  public Future<?> start() {
    return BusEndpoint.serve(vertx, NotificationsContract.ADDRESS, NotificationsContract.ACTIONS, LOG, Map.of(
      NotificationsContract.LIST, request -> store.list(request.body().getString("customerId", ""))
        .map(notifications -> new JsonObject().put("notifications", notifications))));
  }
}

package dev.orderflow.analytics;

import dev.orderflow.platform.DurableSubscription;
import dev.orderflow.platform.Event;
import dev.orderflow.platform.Inbox;
import dev.orderflow.platform.Messaging;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Consumer group {@code analytics}: counts registrations; a replay from the start rebuilds the counts. */
final class AnalyticsKafkaVerticle extends VerticleBase {

  private final Messaging messaging;
  private final AnalyticsStore store;
  private DurableSubscription subscription;

  AnalyticsKafkaVerticle(Messaging messaging, AnalyticsStore store) {
    this.messaging = messaging;
    this.store = store;
  }

  @Override
  public Future<?> start() {
    return messaging.subscribe(AnalyticsContract.CUSTOMERS_TOPIC, AnalyticsContract.GROUP, this::onEvent,
        () -> store.clear(AnalyticsContract.GROUP))
      .onSuccess(subscribed -> subscription = subscribed);
  }

  @Override
  public Future<?> stop() {
    return subscription == null ? Future.succeededFuture() : subscription.stop();
  }

  private Future<Void> onEvent(Event event) {
    if (!event.type().startsWith(AnalyticsContract.CUSTOMER_REGISTERED_PREFIX)) {
      return Future.succeededFuture();
    }
    if (event.time() == null) {
      return Future.failedFuture("CustomerRegistered " + event.id() + " has no time");
    }
    return Inbox.applyOnce(store.database(), AnalyticsContract.GROUP, event,
      connection -> AnalyticsStore.countRegistration(connection, event.time())).mapEmpty();
  }
}

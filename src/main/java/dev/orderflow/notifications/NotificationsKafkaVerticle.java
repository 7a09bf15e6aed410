package dev.orderflow.notifications;

import dev.orderflow.platform.DurableSubscription;
import dev.orderflow.platform.Event;
import dev.orderflow.platform.Inbox;
import dev.orderflow.platform.Messaging;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Consumer group {@code notifications}: a welcome message for every registered customer, once. */
final class NotificationsKafkaVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationsKafkaVerticle.class);

  private final Messaging messaging;
  private final NotificationsStore store;
  private DurableSubscription subscription;

  NotificationsKafkaVerticle(Messaging messaging, NotificationsStore store) {
    this.messaging = messaging;
    this.store = store;
  }

  @Override
  public Future<?> start() {
    return messaging.subscribe(NotificationsContract.CUSTOMERS_TOPIC, NotificationsContract.GROUP, this::onEvent,
        Future::succeededFuture)
      .onSuccess(subscribed -> subscription = subscribed);
  }

  @Override
  public Future<?> stop() {
    return subscription == null ? Future.succeededFuture() : subscription.stop();
  }

  private Future<Void> onEvent(Event event) {
    if (!event.type().startsWith(NotificationsContract.CUSTOMER_REGISTERED_PREFIX)) {
      return Future.succeededFuture();
    }
    String customerId = event.data().getString("customerId");
    String name = event.data().getString("name");
    if (customerId == null || name == null) {
      return Future.failedFuture("CustomerRegistered " + event.id() + " lacks customerId or name");
    }
    return Inbox.applyOnce(store.database(), NotificationsContract.GROUP, event,
        connection -> NotificationsStore.recordWelcome(connection, customerId, name, event.id()))
      .onSuccess(applied -> LOG.info("welcome message for customer {} {} correlationId={}", customerId,
        applied ? "recorded" : "already recorded", event.correlationId()))
      .mapEmpty();
  }
}

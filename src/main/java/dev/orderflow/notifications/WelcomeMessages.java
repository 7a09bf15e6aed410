package dev.orderflow.notifications;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Consumer group {@code notifications}: a welcome message for every registered customer, once. */
final class WelcomeMessages {

  private static final Logger LOG = LoggerFactory.getLogger(WelcomeMessages.class);

  private final NotificationsStore store;

  WelcomeMessages(NotificationsStore store) {
    this.store = store;
  }

  Future<Void> onEvent(Event event) {
    String customerId = event.data().getString("customerId");
    String name = event.data().getString("name");
    if (customerId == null || name == null) {
      return Future.failedFuture("CustomerRegistered " + event.id() + " lacks customerId or name");
    }
    return Inbox.applyOnce(store.database(), NotificationsContract.GROUP, event,
        connection -> NotificationsStore.recordWelcome(connection, customerId, name, event.id()))
      .onSuccess(applied -> LOG.debug("welcome message for customer {} {} correlationId={}", customerId,
        applied ? "recorded" : "already recorded", event.correlationId()))
      .mapEmpty();
  }
}

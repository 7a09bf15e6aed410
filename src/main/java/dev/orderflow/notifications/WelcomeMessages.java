package dev.orderflow.notifications;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Consumer group {@code notifications}: a welcome message for every registered customer, once. */
final class WelcomeMessages {

  private static final Logger LOG = LoggerFactory.getLogger(WelcomeMessages.class);

  private final NotificationsStore store;

  WelcomeMessages(NotificationsStore store) {
    this.store = store;
  }

  Future<Void> onEvent(Event event) {
    Optional<Registration> read = Registration.from(event.data());
    if (read.isEmpty()) {
      return Future.failedFuture("CustomerRegistered " + event.id() + " lacks customerId or name");
    }
    Registration registration = read.get();
    return Inbox.applyOnce(store.database(), NotificationsContract.GROUP, event,
        connection -> NotificationsStore.recordWelcome(connection, registration.customerId(), registration.name(), event.id()))
      .onSuccess(applied -> LOG.debug("welcome message for customer {} {} correlationId={}", registration.customerId(),
        applied ? "recorded" : "already recorded", event.correlationId()))
      .mapEmpty();
  }
}

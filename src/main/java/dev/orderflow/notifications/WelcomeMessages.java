package dev.orderflow.notifications;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer group {@code notifications}: a welcome message for every registered customer, once; a
 * partition's run of registrations is recorded in one write ({@link dev.orderflow.platform.messaging.InboxEffects}).
 */
final class WelcomeMessages {

  private static final Logger LOG = LoggerFactory.getLogger(WelcomeMessages.class);

  private WelcomeMessages() {
  }

  static Inbox.Effect effectOf(Event event) {
    Registration registration = Registration.from(event.data())
      .orElseThrow(() -> new IllegalArgumentException("CustomerRegistered " + event.id() + " lacks customerId or name"));
    return tx -> NotificationsStore.recordWelcome(tx, registration.customerId(), registration.name(), event.id());
  }

  /** Once the welcome is committed (a registration welcomed before is not logged again). */
  static void recorded(Event event) {
    LOG.debug("welcome message for customer {} recorded correlationId={}", event.data().getString("customerId"), event.correlationId());
  }
}

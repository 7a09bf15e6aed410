package dev.orderflow.analytics;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;

/**
 * Consumer group {@code analytics}: counts registrations, a partition's run of them in one write; a
 * replay from the start rebuilds the counts.
 */
final class RegistrationCounting {

  private RegistrationCounting() {
  }

  static Inbox.Effect effectOf(Event event) {
    if (event.time() == null) {
      throw new IllegalArgumentException("CustomerRegistered " + event.id() + " has no time");
    }
    return tx -> AnalyticsStore.countRegistration(tx, event.time());
  }
}

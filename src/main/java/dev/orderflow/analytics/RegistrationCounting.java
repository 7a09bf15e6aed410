package dev.orderflow.analytics;

import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Inbox;
import io.vertx.core.Future;

/** Consumer group {@code analytics}: counts registrations; a replay from the start rebuilds the counts. */
final class RegistrationCounting {

  private final AnalyticsStore store;

  RegistrationCounting(AnalyticsStore store) {
    this.store = store;
  }

  Future<Void> onEvent(Event event) {
    if (event.time() == null) {
      return Future.failedFuture("CustomerRegistered " + event.id() + " has no time");
    }
    return Inbox.applyOnce(store.database(), AnalyticsContract.GROUP, event,
      connection -> AnalyticsStore.countRegistration(connection, event.time())).mapEmpty();
  }
}

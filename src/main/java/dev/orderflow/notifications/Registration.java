package dev.orderflow.notifications;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/** What notifications reads of a CustomerRegistered event to welcome the customer, checked on the contract's sample. */
record Registration(String customerId, String name) {

  /** The data of a CustomerRegistered.v1 event; empty without customerId or name. */
  static Optional<Registration> from(JsonObject data) {
    String customerId = data.getString("customerId");
    String name = data.getString("name");
    return customerId == null || name == null ? Optional.empty() : Optional.of(new Registration(customerId, name));
  }
}

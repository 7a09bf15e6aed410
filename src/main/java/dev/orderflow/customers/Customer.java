package dev.orderflow.customers;

import dev.orderflow.platform.core.NewIds;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/** A registered customer. Emails are stored lower-case: one address, one customer. */
record Customer(String id, String email, String name, Instant registeredAt) {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private static final int MAX_EMAIL = 254;
  private static final int MAX_NAME = 200;

  /** A new customer from a registration request; a broken rule is a 400 refusal naming its field. */
  static Customer register(JsonObject request) {
    Object email = request.getValue("email");
    if (!(email instanceof String text) || text.length() > MAX_EMAIL || !EMAIL.matcher(text.trim()).matches()) {
      throw new Refusal(400, "email: must be an email address such as ada@example.com");
    }
    Object name = request.getValue("name");
    if (!(name instanceof String given) || given.isBlank() || given.length() > MAX_NAME) {
      throw new Refusal(400, "name: is required: a non-blank string of at most " + MAX_NAME + " characters");
    }
    return new Customer(NewIds.next(), text.trim().toLowerCase(Locale.ROOT), given.trim(), Instant.now());
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("email", email).put("name", name).put("registeredAt", registeredAt.toString());
  }

  /** The data of {@code CustomerRegistered.v1}. */
  JsonObject registeredEvent() {
    return new JsonObject().put("customerId", id).put("email", email).put("name", name).put("registeredAt", registeredAt.toString());
  }
}

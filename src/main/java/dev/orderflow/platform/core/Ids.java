package dev.orderflow.platform.core;

import io.vertx.core.json.JsonObject;

/**
 * The wire rule for the ids that modules pass one another (an order id, say): a non-blank string of
 * at most {@value #MAX_LENGTH} characters. A broken rule is a 400 refusal naming the field.
 */
public final class Ids {

  public static final int MAX_LENGTH = 64;

  private Ids() {
  }

  /** The id in {@code field} of {@code json}; missing, blank, too long or not a string is a 400 refusal. */
  public static String required(JsonObject json, String field) {
    if (!(json.getValue(field) instanceof String id) || id.isBlank() || id.length() > MAX_LENGTH) {
      throw new Refusal(400, field + ": is required: a string of at most " + MAX_LENGTH + " characters");
    }
    return id;
  }
}

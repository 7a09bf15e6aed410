package dev.orderflow.orders;

import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.core.Secrets;
import io.vertx.core.json.JsonObject;

/**
 * The rule of an idempotency key: the same request gets the stored answer, another request with the key is a 422.
 * Keys belong to the customer who places the order: another customer's key of the same text is another key, so
 * one customer can neither learn nor block the keys of another.
 */
final class IdempotencyKeys {

  static final int MAX_KEY_LENGTH = 200;

  private IdempotencyKeys() {
  }

  /** A key as it is stored: the customer's, never shared. */
  record Key(String customerId, String value) {
  }

  static JsonObject replay(OrdersStore.StoredRequest stored, String fingerprint) {
    if (!stored.fingerprint().equals(fingerprint)) {
      throw new Refusal(422, "Idempotency-Key: was already used with a different request body");
    }
    return stored.response();
  }

  /** The SHA-256 of a request's canonical JSON. */
  static String fingerprint(JsonObject canonicalRequest) {
    return Secrets.sha256Hex(canonicalRequest.encode());
  }
}

package dev.orderflow.payments;

import dev.orderflow.platform.core.Amounts;
import dev.orderflow.platform.core.Ids;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Currency;

/** A {@code charge} request as payments reads it; a broken rule is a 400 refusal naming its field. */
record ChargeRequest(String orderId, BigDecimal amount, Currency currency, String token) {

  static ChargeRequest fromJson(JsonObject json) {
    String orderId = Ids.required(json, "orderId");
    if (!(json.getValue("token") instanceof String token) || token.isBlank() || token.length() > 255) {
      throw new Refusal(400, "token: is required: a non-empty string of at most 255 characters");
    }
    Currency currency = Amounts.currency(json.getValue("currency"));
    return new ChargeRequest(orderId, Amounts.positive("amount", json.getValue("amount"), currency), currency, token);
  }

  /** The provider's charge body; identical on every attempt, so that its idempotency key matches. */
  JsonObject toProviderJson() {
    return new JsonObject().put("orderId", orderId).put("amount", amount.toPlainString())
      .put("currency", currency.getCurrencyCode()).put("token", token);
  }

  long amountMinor() {
    return Amounts.toMinor(amount, currency);
  }
}

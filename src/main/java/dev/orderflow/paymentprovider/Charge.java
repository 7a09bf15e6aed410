package dev.orderflow.paymentprovider;

import dev.orderflow.platform.core.Amounts;
import dev.orderflow.platform.core.Ids;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Currency;

/** A charge request as the provider reads it; a broken rule is a 400 refusal naming its field. */
record Charge(String orderId, BigDecimal amount, Currency currency, String token) {

  /** Above this amount, in any currency, token {@code tok_insufficient_funds} is declined. */
  static final BigDecimal INSUFFICIENT_FUNDS_ABOVE = new BigDecimal("100.00");
  static final String DECLINED = "tok_declined";
  static final String INSUFFICIENT_FUNDS = "tok_insufficient_funds";

  static Charge fromJson(JsonObject json) {
    String id = Ids.required(json, "orderId");
    Object token = json.getValue("token");
    if (!(token instanceof String card) || card.isBlank() || card.length() > 255) {
      throw new Refusal(400, "token: is required: a non-empty string");
    }
    Currency currency = Amounts.currency(json.getValue("currency"));
    return new Charge(id, Amounts.positive("amount", json.getValue("amount"), currency), currency, card);
  }

  /** Why the charge is declined, or null when it captures. */
  String declineReason() {
    if (DECLINED.equals(token)) {
      return "card_declined";
    }
    if (INSUFFICIENT_FUNDS.equals(token) && amount.compareTo(INSUFFICIENT_FUNDS_ABOVE) > 0) {
      return "insufficient_funds";
    }
    return null;
  }

  long amountMinor() {
    return Amounts.toMinor(amount, currency);
  }

  String fingerprint() {
    return orderId + "|" + amount.toPlainString() + "|" + currency.getCurrencyCode() + "|" + token;
  }
}

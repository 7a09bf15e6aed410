package dev.orderflow.orders;

import dev.orderflow.platform.core.Amounts;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Currency;

/** An exact amount in a currency, held in the currency's minor units; never a double. */
record Money(long minor, Currency currency) {

  static Money of(String amount, String currencyCode) {
    Currency currency = Currency.getInstance(currencyCode);
    return new Money(Amounts.toMinor(new BigDecimal(amount), currency), currency);
  }

  static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  /** A catalog price {@code {"amount": "12.50", "currency": "EUR"}}. */
  static Money fromJson(JsonObject price) {
    return of(price.getString("amount"), price.getString("currency"));
  }

  Money times(long quantity) {
    return new Money(Math.multiplyExact(minor, quantity), currency);
  }

  Money plus(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
    }
    return new Money(Math.addExact(minor, other.minor), currency);
  }

  /** The amount as a plain decimal string with the currency's digits, e.g. {@code "12.50"}. */
  String amount() {
    return Amounts.fromMinor(minor, currency).toPlainString();
  }

  String currencyCode() {
    return currency.getCurrencyCode();
  }
}

package dev.orderflow.payments;

import dev.orderflow.platform.Refusal;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Amounts as BigDecimal in a {@link Currency}, stored as whole minor units (cents), never as
 * floating point. The same rules as the provider's, kept here because modules share no types.
 */
final class Money {

  private static final int MAX_INTEGER_DIGITS = 12;

  private Money() {
  }

  static long toMinor(BigDecimal amount, Currency currency) {
    return amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
  }

  static BigDecimal fromMinor(long minor, Currency currency) {
    return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits());
  }

  /** An ISO 4217 currency with minor units; anything else is a 400 refusal. */
  static Currency currency(Object code) {
    try {
      Currency currency = Currency.getInstance(String.valueOf(code));
      if (currency.getDefaultFractionDigits() >= 0) {
        return currency;
      }
    } catch (IllegalArgumentException e) {
      // the same refusal as a currency without minor units
    }
    throw new Refusal(400, "currency: must be an ISO 4217 currency code such as EUR");
  }

  /** A positive decimal string with at most the currency's decimals, scaled to them; otherwise a 400 refusal. */
  static BigDecimal amount(Object value, Currency currency) {
    if (value instanceof String text) {
      try {
        BigDecimal amount = new BigDecimal(text);
        int digits = currency.getDefaultFractionDigits();
        if (amount.signum() > 0 && amount.stripTrailingZeros().scale() <= digits
          && amount.precision() - amount.scale() <= MAX_INTEGER_DIGITS) {
          return amount.setScale(digits);
        }
      } catch (NumberFormatException e) {
        // the same refusal as an amount out of range
      }
    }
    throw new Refusal(400, "amount: must be a positive decimal string such as \"12.50\" with at most the currency's decimals");
  }
}

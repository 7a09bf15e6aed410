package dev.orderflow.platform.core;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * The wire and storage rules for money that every module follows: a decimal string in an ISO 4217
 * currency, stored as whole minor units (cents), never a floating-point number. A broken rule is a
 * 400 refusal naming the field.
 */
public final class Amounts {

  private static final int MAX_INTEGER_DIGITS = 12;

  private Amounts() {
  }

  public static long toMinor(BigDecimal amount, Currency currency) {
    return amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
  }

  public static BigDecimal fromMinor(long minor, Currency currency) {
    return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits());
  }

  /** An ISO 4217 currency with minor units; anything else is a 400 refusal. */
  public static Currency currency(Object code) {
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

  /**
   * A positive decimal string with at most the currency's decimals, scaled to them; a JSON number
   * or anything else is a 400 refusal naming {@code field}.
   */
  public static BigDecimal positive(String field, Object value, Currency currency) {
    if (value instanceof String text) {
      BigDecimal amount = NumberText.decimal(text).orElse(null);
      int digits = currency.getDefaultFractionDigits();
      if (amount != null && amount.signum() > 0 && amount.stripTrailingZeros().scale() <= digits
        && amount.precision() - amount.scale() <= MAX_INTEGER_DIGITS) {
        return amount.setScale(digits);
      }
    }
    throw new Refusal(400, field + ": must be a positive decimal string such as \"12.50\" with at most the currency's decimals");
  }
}

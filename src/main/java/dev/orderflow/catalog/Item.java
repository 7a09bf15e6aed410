package dev.orderflow.catalog;

import dev.orderflow.platform.core.NumberText;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/** An item for sale. Its price is exact: a decimal amount in the item's currency. */
record Item(String sku, String name, String description, BigDecimal price, Currency currency) {

  static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_NAME = 200;
  private static final int MAX_DESCRIPTION = 2000;

  /** Validates an item from the contract's JSON; a broken rule is a 400 refusal naming its field. */
  static Item fromJson(JsonObject json) {
    String sku = requiredText(json, "sku", 64);
    if (!SKU.matcher(sku).matches()) {
      throw invalid("sku", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    String name = requiredText(json, "name", MAX_NAME);
    Object description = json.getValue("description", "");
    if (!(description instanceof String text) || text.length() > MAX_DESCRIPTION) {
      throw invalid("description", "must be a string of at most " + MAX_DESCRIPTION + " characters");
    }
    if (!(json.getValue("price") instanceof JsonObject price)) {
      throw invalid("price", "is required: {\"amount\": \"12.50\", \"currency\": \"EUR\"}");
    }
    Currency currency = currency(price.getValue("currency"));
    return new Item(sku, name, text, amount(price.getValue("amount"), currency), currency);
  }

  static Item fromRow(String sku, String name, String description, long priceMinor, String currencyCode) {
    Currency currency = Currency.getInstance(currencyCode);
    return new Item(sku, name, description, BigDecimal.valueOf(priceMinor, currency.getDefaultFractionDigits()), currency);
  }

  long priceMinor() {
    return price.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("sku", sku)
      .put("name", name)
      .put("description", description)
      .put("price", new JsonObject().put("amount", price.toPlainString()).put("currency", currency.getCurrencyCode()));
  }

  private static String requiredText(JsonObject json, String field, int maxLength) {
    if (!(json.getValue(field) instanceof String text) || text.isBlank() || text.length() > maxLength) {
      throw invalid(field, "is required: a non-blank string of at most " + maxLength + " characters");
    }
    return text;
  }

  private static Currency currency(Object code) {
    try {
      Currency currency = Currency.getInstance(String.valueOf(code));
      if (currency.getDefaultFractionDigits() >= 0) {
        return currency;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the same refusal as a currency without minor units
    }
    throw invalid("price.currency", "must be an ISO 4217 currency code such as EUR");
  }

  private static BigDecimal amount(Object value, Currency currency) {
    BigDecimal amount = NumberText.decimal(String.valueOf(value))
      .orElseThrow(() -> invalid("price.amount", "must be a decimal number such as \"12.50\", at most " + NumberText.MAX_DECIMAL_LENGTH + " characters"));
    int digits = currency.getDefaultFractionDigits();
    if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > digits || amount.precision() - amount.scale() > 12) {
      throw invalid("price.amount", "must be between 0 and 999999999999 with at most " + digits + " decimals for " + currency);
    }
    return amount.setScale(digits);
  }

  private static Refusal invalid(String field, String reason) {
    return new Refusal(400, field + ": " + reason);
  }
}

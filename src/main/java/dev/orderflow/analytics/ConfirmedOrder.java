package dev.orderflow.analytics;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * What analytics counts of an OrderConfirmed event: its minute, its revenue in the currency's minor
 * units and the quantity of each sku. The one reader of the event's data, checked on the contract's sample.
 */
record ConfirmedOrder(Instant at, Currency currency, long revenueMinor, List<SkuQuantity> lines) {

  record SkuQuantity(String sku, long quantity) {
  }

  /** The data of an OrderConfirmed.v1 event that happened {@code at}; fails on a total or currency it cannot read. */
  static ConfirmedOrder from(Instant at, JsonObject data) {
    Currency currency = Currency.getInstance(data.getString("currency"));
    long revenue = new BigDecimal(data.getString("total")).movePointRight(currency.getDefaultFractionDigits()).longValueExact();
    List<SkuQuantity> lines = data.getJsonArray("lines").stream().map(JsonObject.class::cast)
      .map(line -> new SkuQuantity(line.getString("sku"), line.getLong("quantity"))).toList();
    return new ConfirmedOrder(at, currency, revenue, lines);
  }

  long minuteStart() {
    return at.toEpochMilli() / 60_000 * 60_000;
  }
}

package dev.orderflow.orders;

import dev.orderflow.platform.core.NumberText;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to place an order, checked for shape before anything is priced: a broken rule is a
 * 400 refusal naming its field (items[2].quantity and the like).
 */
record OrderRequest(String customerId, List<Item> items, String paymentToken, String orchestration) {

  static final String SAGA = "saga";
  static final String SYNC = "sync";
  private static final int MAX_ID = 64;
  private static final int MAX_TOKEN = 255;

  /** A requested line: a sku and how many. */
  record Item(String sku, long quantity) {
  }

  static OrderRequest parse(JsonObject body, OrdersOptions options) {
    String customerId = text(body, "customerId", MAX_ID);
    if (!(body.getValue("items") instanceof JsonArray items) || items.isEmpty()) {
      throw new Refusal(400, "items: at least one item is required");
    }
    if (items.size() > options.maxLines()) {
      throw new Refusal(400, "items: at most " + options.maxLines() + " lines are allowed");
    }
    List<Item> parsed = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String field = "items[" + i + "]";
      if (!(items.getValue(i) instanceof JsonObject item)) {
        throw new Refusal(400, field + ": must be an object {sku, quantity}");
      }
      String sku = text(item, field + ".sku", item.getValue("sku"), MAX_ID);
      parsed.add(new Item(sku, quantity(item.getValue("quantity"), field + ".quantity", options.maxQuantity())));
    }
    String token = text(body, "paymentToken", MAX_TOKEN);
    String orchestration = body.getString("orchestration", SAGA);
    return new OrderRequest(customerId, parsed, token, SYNC.equals(orchestration) ? SYNC : SAGA);
  }

  /** The request in canonical form: what an idempotency key is bound to. */
  JsonObject canonical() {
    return new JsonObject().put("customerId", customerId).put("paymentToken", paymentToken).put("orchestration", orchestration)
      .put("items", new JsonArray(items.stream().map(item -> new JsonObject().put("sku", item.sku()).put("quantity", item.quantity())).toList()));
  }

  /** Exactly a whole number in range: a huge or fractional number is refused, never rounded or wrapped. */
  private static long quantity(Object value, String field, int max) {
    BigDecimal exact = value instanceof Number number ? NumberText.decimal(number.toString()).orElse(null) : null;
    if (exact != null && exact.signum() > 0 && exact.compareTo(BigDecimal.valueOf(max)) <= 0 && exact.stripTrailingZeros().scale() <= 0) {
      return exact.longValueExact();
    }
    throw new Refusal(400, field + ": must be a whole number from 1 to " + max);
  }

  private static String text(JsonObject body, String field, int maxLength) {
    return text(body, field, body.getValue(field), maxLength);
  }

  private static String text(JsonObject body, String field, Object value, int maxLength) {
    if (!(value instanceof String text) || text.isBlank() || text.length() > maxLength || text.indexOf('\0') >= 0) {
      throw new Refusal(400, field + ": is required: a non-blank string of at most " + maxLength + " characters, without U+0000");
    }
    return text;
  }
}

package dev.orderflow.orders;

import dev.orderflow.platform.core.NumberText;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A page of the order list: optional customer and status filters, a limit, and an opaque cursor
 * (the position of the last order of the previous page) so that pages stay stable under inserts.
 */
record OrderQuery(String customerId, String status, int limit, Long afterPlacedAt, String afterOrderId) {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final Set<String> STATUSES = Set.of(OrdersContract.PENDING, OrdersContract.CONFIRMED, OrdersContract.CANCELLED);

  static OrderQuery parse(JsonObject request) {
    String customerId = request.getString("customerId");
    String status = request.getString("status");
    if (status != null && !STATUSES.contains(status)) {
      throw new Refusal(400, "status: must be one of PENDING, CONFIRMED, CANCELLED");
    }
    Object limit = request.getValue("limit", DEFAULT_LIMIT);
    if (!(limit instanceof Number number) || number.intValue() < 1 || number.intValue() > MAX_LIMIT) {
      throw new Refusal(400, "limit: must be a whole number from 1 to " + MAX_LIMIT);
    }
    String cursor = request.getString("cursor");
    if (cursor == null) {
      return new OrderQuery(customerId, status, number.intValue(), null, null);
    }
    try {
      String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (position.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("U+0000 in a cursor");
      }
      int colon = position.indexOf(':');
      long placedAtMillis = NumberText.wholeNumber(position.substring(0, colon)).orElseThrow(IllegalArgumentException::new);
      return new OrderQuery(customerId, status, number.intValue(), placedAtMillis, position.substring(colon + 1));
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw new Refusal(400, "cursor: is not a cursor this API handed out");
    }
  }

  static String cursorAfter(JsonObject order) {
    long placedAtMillis = Instant.parse(order.getString("placedAt")).toEpochMilli();
    return Base64.getUrlEncoder().withoutPadding()
      .encodeToString((placedAtMillis + ":" + order.getString("id")).getBytes(StandardCharsets.UTF_8));
  }

  String where() {
    List<String> conditions = new ArrayList<>();
    if (customerId != null) {
      conditions.add("customer_id = #{customerId}");
    }
    if (status != null) {
      conditions.add("status = #{status}");
    }
    if (afterPlacedAt != null) {
      conditions.add("(placed_at > #{afterPlacedAt} OR (placed_at = #{afterPlacedAt} AND order_id > #{afterOrderId}))");
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  Map<String, Object> parameters() {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("customerId", customerId);
    parameters.put("status", status);
    parameters.put("afterPlacedAt", afterPlacedAt);
    parameters.put("afterOrderId", afterOrderId);
    parameters.put("limit", limit + 1);
    return parameters;
  }
}

package dev.orderflow.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.function.BiFunction;

/**
 * The public versions of an order, from the orders service's one representation (amounts as
 * decimal strings): v1 writes money as JSON numbers beside a top-level currency, v2 as
 * {@code {"amount": "12.50", "currency": "EUR"}}.
 */
enum OrderRepresentation {

  V1((amount, currency) -> new BigDecimal(amount), true),
  V2((amount, currency) -> new JsonObject().put("amount", amount).put("currency", currency), false);

  private final BiFunction<String, String, Object> money;
  private final boolean currencyBeside;

  OrderRepresentation(BiFunction<String, String, Object> money, boolean currencyBeside) {
    this.money = money;
    this.currencyBeside = currencyBeside;
  }

  String path() {
    return "/api/" + name().toLowerCase() + "/orders";
  }

  JsonObject order(JsonObject order) {
    String currency = order.getString("currency");
    JsonObject shown = order.copy().put("total", money.apply(order.getString("total"), currency));
    if (!currencyBeside) {
      shown.remove("currency");
    }
    JsonArray lines = new JsonArray();
    order.getJsonArray("lines").forEach(entry -> {
      JsonObject line = (JsonObject) entry;
      lines.add(line.copy().put("unitPrice", money.apply(line.getString("unitPrice"), currency))
        .put("lineTotal", money.apply(line.getString("lineTotal"), currency)));
    });
    return shown.put("lines", lines);
  }

  JsonObject page(JsonObject page) {
    JsonArray orders = new JsonArray();
    page.getJsonArray("orders").forEach(order -> orders.add(order((JsonObject) order)));
    return page.copy().put("orders", orders);
  }
}

package dev.orderflow.orders;

import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.bus.ServiceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a requested order into priced lines: the customer must exist and every sku must be in
 * the catalog, all in one currency; a miss is a 400 naming the field, not a 404.
 */
final class OrderPricing {

  private final ServiceClient services;

  OrderPricing(ServiceClient services) {
    this.services = services;
  }

  /**
   * Asks for the customer and every sku at once, so that pricing takes one round trip, not one per
   * line, and no longer than the caller of {@code placing} still waits.
   */
  Future<List<OrderLine>> price(OrderRequest order, BusEndpoint.Request placing) {
    Future<JsonObject> customer = services.request(OrdersContract.CUSTOMERS, OrdersContract.GET_CUSTOMER, new JsonObject().put("id", order.customerId()), placing)
      .recover(failure -> Future.failedFuture(notFoundAs(failure, "customerId: no customer with id '" + order.customerId() + "'")));
    List<Future<OrderLine>> lines = new ArrayList<>();
    for (int i = 0; i < order.items().size(); i++) {
      OrderRequest.Item item = order.items().get(i);
      String field = "items[" + i + "].sku";
      lines.add(services.request(OrdersContract.CATALOG, OrdersContract.GET_ITEM, new JsonObject().put("sku", item.sku()), placing)
        .recover(failure -> Future.failedFuture(notFoundAs(failure, field + ": no item with sku '" + item.sku() + "' in the catalog")))
        .map(found -> new OrderLine(item.sku(), item.quantity(), Money.fromJson(found.getJsonObject("price")))));
    }
    return customer.compose(found -> Future.join(lines))
      .transform(all -> {
        Throwable first = firstFailure(customer, lines);
        return first == null ? Future.succeededFuture(lines.stream().map(Future::result).toList()) : Future.<List<OrderLine>>failedFuture(first);
      })
      .map(OrderPricing::inOneCurrency);
  }

  /** The failure to report: the customer's, else the first line's, whatever order they came in. */
  private static Throwable firstFailure(Future<JsonObject> customer, List<Future<OrderLine>> lines) {
    if (customer.failed()) {
      return customer.cause();
    }
    return lines.stream().filter(Future::failed).map(Future::cause).findFirst().orElse(null);
  }

  private static List<OrderLine> inOneCurrency(List<OrderLine> lines) {
    Money first = lines.get(0).unitPrice();
    for (int i = 1; i < lines.size(); i++) {
      Money price = lines.get(i).unitPrice();
      if (!price.currency().equals(first.currency())) {
        throw new Refusal(400, "items[" + i + "].sku: is priced in " + price.currencyCode() + ", the order in "
          + first.currencyCode() + "; one order, one currency");
      }
    }
    return lines;
  }

  private static Throwable notFoundAs(Throwable failure, String refusal) {
    return failure instanceof ServiceFailure service && service.kind() == ServiceFailure.Kind.NOT_FOUND
      ? new Refusal(400, refusal)
      : failure;
  }
}

package dev.orderflow.orders;

import dev.orderflow.platform.Refusal;
import dev.orderflow.platform.ServiceClient;
import dev.orderflow.platform.ServiceFailure;
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

  Future<List<OrderLine>> price(OrderRequest order, String correlationId) {
    Future<List<OrderLine>> lines = services.request("customers", "get-customer", new JsonObject().put("id", order.customerId()), correlationId)
      .recover(failure -> Future.failedFuture(notFoundAs(failure, "customerId: no customer with id '" + order.customerId() + "'")))
      .map(customer -> new ArrayList<>());
    for (int i = 0; i < order.items().size(); i++) {
      OrderRequest.Item item = order.items().get(i);
      String field = "items[" + i + "].sku";
      lines = lines.compose(priced -> services.request("catalog", "get-item", new JsonObject().put("sku", item.sku()), correlationId)
        .recover(failure -> Future.failedFuture(notFoundAs(failure, field + ": no item with sku '" + item.sku() + "' in the catalog")))
        .map(found -> {
          OrderLine line = new OrderLine(item.sku(), item.quantity(), Money.fromJson(found.getJsonObject("price")));
          if (!priced.isEmpty() && !priced.get(0).unitPrice().currency().equals(line.unitPrice().currency())) {
            throw new Refusal(400, field + ": is priced in " + line.unitPrice().currencyCode() + ", the order in "
              + priced.get(0).unitPrice().currencyCode() + "; one order, one currency");
          }
          priced.add(line);
          return priced;
        }));
    }
    return lines;
  }

  private static Throwable notFoundAs(Throwable failure, String refusal) {
    return failure instanceof ServiceFailure service && service.kind() == ServiceFailure.Kind.NOT_FOUND
      ? new Refusal(400, refusal)
      : failure;
  }
}

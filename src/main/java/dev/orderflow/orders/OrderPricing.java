package dev.orderflow.orders;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.bus.ServiceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a requested order into priced lines: the customer must exist and every sku must be in
 * the catalog, all in one currency; a miss is a 400 naming the field, not a 404.
 *
 * <p>Customers and prices the other modules confirmed recently are remembered, so that a shop's
 * steady traffic prices an order without a bus round trip. A price is forgotten on the catalog's
 * item-changed notice and after the TTL, which bounds how stale a lost notice can leave it; a
 * customer is remembered for the TTL (customers are never deleted; the TTL bounds a future removal).
 */
final class OrderPricing {

  private static final int MAX_REMEMBERED = 100_000;

  private final ServiceClient services;
  private final Cache<String, Boolean> knownCustomers;
  private final Cache<String, Money> prices;

  OrderPricing(ServiceClient services, long rememberForMs) {
    this.services = services;
    this.knownCustomers = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterWrite(Duration.ofMillis(rememberForMs)).build();
    this.prices = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterWrite(Duration.ofMillis(rememberForMs)).build();
  }

  /** The catalog changed {@code sku}: its next order asks for the price again. */
  void forgetPrice(String sku) {
    prices.invalidate(sku);
  }

  /**
   * Asks for the customer and every sku at once, so that pricing takes one round trip, not one per
   * line, and no longer than the caller of {@code placing} still waits.
   */
  Future<List<OrderLine>> price(OrderRequest order, BusEndpoint.Request placing) {
    Future<Boolean> customer = customer(order.customerId(), placing);
    List<Future<OrderLine>> lines = new ArrayList<>();
    for (int i = 0; i < order.items().size(); i++) {
      OrderRequest.Item item = order.items().get(i);
      lines.add(price(item.sku(), "items[" + i + "].sku", placing).map(unitPrice -> new OrderLine(item.sku(), item.quantity(), unitPrice)));
    }
    return customer.compose(found -> Future.join(lines))
      .transform(all -> {
        Throwable first = firstFailure(customer, lines);
        return first == null ? Future.succeededFuture(lines.stream().map(Future::result).toList()) : Future.<List<OrderLine>>failedFuture(first);
      })
      .map(OrderPricing::inOneCurrency);
  }

  private Future<Boolean> customer(String customerId, BusEndpoint.Request placing) {
    if (knownCustomers.getIfPresent(customerId) != null) {
      return Future.succeededFuture(Boolean.TRUE);
    }
    return services.request(OrdersContract.CUSTOMERS, OrdersContract.GET_CUSTOMER, new JsonObject().put("id", customerId), placing)
      .map(found -> {
        knownCustomers.put(customerId, Boolean.TRUE);
        return Boolean.TRUE;
      })
      .recover(failure -> Future.failedFuture(notFoundAs(failure, "customerId: no customer with id '" + customerId + "'")));
  }

  private Future<Money> price(String sku, String field, BusEndpoint.Request placing) {
    Money known = prices.getIfPresent(sku);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return services.request(OrdersContract.CATALOG, OrdersContract.GET_ITEM, new JsonObject().put("sku", sku), placing)
      .map(found -> {
        Money price = Money.fromJson(found.getJsonObject("price"));
        prices.put(sku, price);
        return price;
      })
      .recover(failure -> Future.failedFuture(notFoundAs(failure, field + ": no item with sku '" + sku + "' in the catalog")));
  }

  /** The failure to report: the customer's, else the first line's, whatever order they came in. */
  private static Throwable firstFailure(Future<Boolean> customer, List<Future<OrderLine>> lines) {
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

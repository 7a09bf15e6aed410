package dev.orderflow.loadgen;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * Follows accepted orders to their terminal state cheaply: once a second it reads the order list of
 * each customer that still has an unsettled order (one page of up to 100 orders per request, oldest
 * first, more pages only when a customer has more), instead of one GET per order. Orders are given to
 * customers in consecutive blocks, so only the customers of the last second or so are busy.
 */
final class Follower {

  private static final String CONFIRMED = "CONFIRMED";
  private static final String CANCELLED = "CANCELLED";

  private final ShopClient client;
  private final Tally tally;
  private final List<Customer> customers;

  Follower(ShopClient client, Tally tally, List<Customer> customers) {
    this.client = client;
    this.tally = tally;
    this.customers = customers;
  }

  void track(Customer customer, String orderId) {
    customer.unsettled.add(orderId);
  }

  /** Starts one list read for every busy customer not being read already. */
  void readBusyCustomers() {
    for (Customer customer : customers) {
      if (!customer.unsettled.isEmpty() && !customer.reading) {
        customer.reading = true;
        readPages(customer, null).onComplete(done -> customer.reading = false);
      }
    }
  }

  private Future<Void> readPages(Customer customer, String cursor) {
    tally.followReads++;
    return client.orders(customer.token, cursor).compose(answer -> {
      if (answer.status() != 200) {
        tally.error("follow: " + Answers.kind(answer));
        return Future.succeededFuture();
      }
      long seenAt = System.currentTimeMillis();
      answer.body().getJsonArray("orders").forEach(order -> settleIfTerminal(customer, (JsonObject) order, seenAt));
      String next = answer.body().getString("nextCursor");
      return next == null || customer.unsettled.isEmpty() ? Future.<Void>succeededFuture() : readPages(customer, next);
    }, failure -> {
      tally.error("follow: " + Answers.kind(failure));
      return Future.succeededFuture();
    });
  }

  private void settleIfTerminal(Customer customer, JsonObject order, long seenAt) {
    String status = order.getString("status");
    if ((CONFIRMED.equals(status) || CANCELLED.equals(status)) && customer.unsettled.remove(order.getString("id"))) {
      long placedAt = Instant.parse(order.getString("placedAt")).toEpochMilli();
      long updatedAt = Instant.parse(order.getString("updatedAt")).toEpochMilli();
      tally.settled(outcome(order), seenAt - placedAt, updatedAt - placedAt);
    }
  }

  static String outcome(JsonObject order) {
    String reason = order.getString("reason");
    return reason == null ? order.getString("status") : order.getString("status") + " " + reason;
  }
}

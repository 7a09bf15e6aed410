package dev.orderflow.loadgen;

import io.vertx.core.Future;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Before the clock starts: the run's own customers, and stock enough for every order when an admin token is given. */
final class RunSetup {

  /** Tries of a setup call that got no answer at all; the offered load itself is never retried. */
  private static final int ATTEMPTS = 3;

  private final LoadOptions options;
  private final ShopClient client;
  private final PrintStream out;
  private final String runId;

  RunSetup(LoadOptions options, ShopClient client, PrintStream out, String runId) {
    this.options = options;
    this.client = client;
    this.out = out;
    this.runId = runId;
  }

  /** Registers the customers, then tops up the stock when an admin token was given; answers the customers. */
  Future<List<Customer>> prepare() {
    out.printf("loadgen: registering %d customers at %s%n", options.customers(), options.target());
    List<Customer> registered = new ArrayList<>();
    return registerFrom(registered, 0, options.customers())
      .compose(done -> options.adminToken() == null ? Future.succeededFuture() : topUp(0))
      .map(done -> List.copyOf(registered));
  }

  /** Registers customers {@code from} to {@code to}, at most as many at a time as there are connections. */
  private Future<Void> registerFrom(List<Customer> registered, int from, int to) {
    if (from >= to) {
      return Future.succeededFuture();
    }
    int batchEnd = Math.min(to, from + options.connections());
    List<Future<ShopClient.Answer>> batch = new ArrayList<>();
    for (int i = from; i < batchEnd; i++) {
      // a new email on each try: a try whose answer was lost may have registered its email already
      batch.add(setup(() -> client.register("loadgen-" + runId + "-" + UUID.randomUUID() + "@example.com"), ATTEMPTS));
    }
    return Future.all(batch).compose(all -> {
      for (Future<ShopClient.Answer> answered : batch) {
        ShopClient.Answer answer = answered.result();
        if (answer.status() != 201) {
          return Future.failedFuture(new IllegalStateException("registering a customer answered " + Answers.kind(answer)
            + ": " + answer.body().getString("detail", "")));
        }
        registered.add(new Customer(answer.body().getString("id"), answer.body().getString("accessToken")));
      }
      return registerFrom(registered, batchEnd, to);
    });
  }

  /** Raises each sku's available stock to what the run can order of it, so that no order runs out of stock. */
  private Future<Void> topUp(int index) {
    if (index == options.skus().size()) {
      return Future.succeededFuture();
    }
    String sku = options.skus().get(index);
    long needed = (options.totalOrders() + options.skus().size() - 1) / options.skus().size();
    return setup(() -> client.stock(sku), ATTEMPTS).compose(stock -> {
      if (stock.status() != 200) {
        return Future.failedFuture(new IllegalStateException("stock of " + sku + " answered " + Answers.kind(stock)));
      }
      long available = stock.body().getLong("available");
      if (available >= needed) {
        return Future.<Void>succeededFuture();
      }
      return setup(() -> client.setAvailable(options.adminToken(), sku, needed), ATTEMPTS).compose(set -> {
        if (set.status() != 200) {
          return Future.failedFuture(new IllegalStateException("PUT /admin/inventory/" + sku + " answered " + Answers.kind(set)));
        }
        out.printf("loadgen: %s available %d -> %d%n", sku, available, needed);
        return Future.<Void>succeededFuture();
      });
    }).compose(done -> topUp(index + 1));
  }

  /** A setup call, sent again when it got no answer (a closed connection, a timeout); its answer, whatever the status. */
  private static Future<ShopClient.Answer> setup(Supplier<Future<ShopClient.Answer>> call, int attempts) {
    return call.get().recover(failure -> attempts > 1 ? setup(call, attempts - 1) : Future.failedFuture(failure));
  }
}

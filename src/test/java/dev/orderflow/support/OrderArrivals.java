package dev.orderflow.support;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders arriving at a fixed rate (open model: a slow answer does not slow the arrivals), one sku
 * each, spread over a few customers of the shop; remembers the id of every order answered 202.
 */
public final class OrderArrivals implements AutoCloseable {

  private static final List<String> SKUS = List.of("BOOK-0001", "BOOK-0002", "BOOK-0003", "MUG-0001", "PEN-0001", "LAMP-0001",
    "COFFEE-0001", "NOTE-0001", "CABLE-0001", "CABLE-0002");

  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sent = new AtomicInteger();
  private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
  private final Map<Integer, String> refusals = new ConcurrentHashMap<>();
  private final ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();

  private OrderArrivals() {
  }

  /** Registers {@code customers} customers, then sends {@code perSecond} orders a second until stopped. */
  public static OrderArrivals start(Shop shop, int customers, int perSecond) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      ids.add(shop.newCustomer());
    }
    OrderArrivals load = new OrderArrivals();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI orders = URI.create(shop.http().baseUrl() + "/api/v1/orders");
    load.arrivals.scheduleAtFixedRate(() -> {
      int n = load.sent.getAndIncrement();
      String customer = ids.get(n % customers);
      HttpRequest request = HttpRequest.newBuilder(orders).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + shop.accessToken(customer))
        .POST(HttpRequest.BodyPublishers.ofString(Shop.order(customer, "tok_visa", SKUS.get(n % SKUS.size()), 1).encode()))
        .build();
      client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> load.answered(response, failure));
    }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    return load;
  }

  /** The ids of the orders answered 202 so far. */
  public Set<String> accepted() {
    return accepted;
  }

  public void awaitAccepted(int orders, Duration timeout) {
    Await.until(orders + " orders accepted", timeout, () -> accepted.size() >= orders);
  }

  /** Stops sending (answers still in flight may yet arrive) and says what was sent and answered. */
  @Override
  public void close() {
    arrivals.shutdownNow();
  }

  public String summary() {
    return sent.get() + " sent, answers " + answers + ", first refusals " + refusals;
  }

  private void answered(HttpResponse<String> response, Throwable failure) {
    answers.computeIfAbsent(failure == null ? String.valueOf(response.statusCode()) : failure.getClass().getSimpleName(),
      kind -> new AtomicInteger()).incrementAndGet();
    if (response != null && response.statusCode() == 202) {
      accepted.add(new JsonObject(response.body()).getString("orderId"));
    } else if (response != null) {
      refusals.putIfAbsent(response.statusCode(), response.body());
    }
  }
}

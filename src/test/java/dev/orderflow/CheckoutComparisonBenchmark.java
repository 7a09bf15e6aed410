package dev.orderflow;

import dev.orderflow.support.Percentiles;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * The checkout saga next to its synchronous twin under the same payment-provider faults. For each
 * fault setting, on a fresh instance: {@code orders} checkouts through {@code POST /api/v1/orders}
 * (the saga), then as many through {@code POST /api/v1/checkout/sync}, {@code inFlight} at a time
 * (closed loop), one line of quantity 1 each, round-robin over the well-stocked demo skus.
 *
 * <p>Figures: how long the caller waits for its answer; for the saga also how long the order takes
 * to settle (its {@code updatedAt} − {@code placedAt}, both stamped by the server); the outcomes;
 * and checkouts settled per second of wall time. Run it with {@code bench/checkout.sh}.
 */
public final class CheckoutComparisonBenchmark {

  private static final List<String> SKUS = List.of("BOOK-0001", "BOOK-0002", "BOOK-0003", "BOOK-0004", "BOOK-0005", "KBD-0001",
    "KBD-0002", "MOUSE-0001", "MOUSE-0002", "AUDIO-0001", "AUDIO-0002", "CABLE-0001", "CABLE-0002", "LAMP-0001", "MUG-0001",
    "COFFEE-0001", "NOTE-0001", "PEN-0001", "PLANT-0001", "SSD-0001");
  private static final Map<String, JsonObject> FAULTS = Map.of(
    "1 none", new JsonObject(),
    "2 latency 300 ms", new JsonObject().put("latencyMs", 300),
    "3 error rate 0.3", new JsonObject().put("errorRate", 0.3),
    "4 outage", new JsonObject().put("outage", true));
  private static final Duration SETTLE = Duration.ofMinutes(3);

  public static void main(String[] args) throws Exception {
    int orders = Integer.parseInt(args[0]);
    int inFlight = Integer.parseInt(args[1]);
    System.out.printf("%d checkouts per style and fault, %d in flight%n", orders, inFlight);
    System.out.println("| faults | style | answered p50 / p99 | settled p50 / p99 | checkouts/s | outcomes |");
    System.out.println("|---|---|---|---|---|---|");
    warmUpJvm(orders, inFlight);
    for (Map.Entry<String, JsonObject> fault : new TreeMap<>(FAULTS).entrySet()) {
      try (TestInstance orderflow = TestInstance.start("ORDERFLOW_RATE_LIMIT_ENABLED", "false")) {
        Shop shop = new Shop(orderflow.http());
        String customer = shop.newCustomer();
        warmUp(shop, customer);
        shop.faults(fault.getValue());
        String faults = fault.getKey().substring(2);
        System.out.println(saga(shop, customer, orders, inFlight).row(faults, "saga"));
        System.out.println(sync(shop, customer, orders, inFlight).row(faults, "sync"));
      }
    }
    // The JVM-wide embedded broker runs non-daemon threads; its shutdown hook stops it on exit.
    System.exit(0);
  }

  /** Checkouts through the saga: the answer is the 202; the outcome is read from the settled orders. */
  private static Run saga(Shop shop, String customer, int orders, int inFlight) throws InterruptedException {
    Map<Integer, Answer> answers = send(shop, "/api/v1/orders", customer, orders, inFlight);
    List<Long> settled = new ArrayList<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    long lastSettled = 0;
    for (Answer answer : answers.values()) {
      if (answer.status() != 202) {
        outcomes.merge("HTTP " + answer.status(), 1, Integer::sum);
        continue;
      }
      JsonObject order = shop.settled(new JsonObject(answer.body()).getString("orderId"), SETTLE);
      Instant settledAt = Instant.parse(order.getString("updatedAt"));
      settled.add(Duration.between(Instant.parse(order.getString("placedAt")), settledAt).toMillis());
      lastSettled = Math.max(lastSettled, settledAt.toEpochMilli());
      outcomes.merge(order.getString("status") + (order.containsKey("reason") ? " " + order.getString("reason") : ""), 1, Integer::sum);
    }
    return new Run(latencies(answers), settled, outcomes, orders, lastSettled - firstStart(answers));
  }

  /** Checkouts through the synchronous twin: the answer is the outcome. */
  private static Run sync(Shop shop, String customer, int orders, int inFlight) throws InterruptedException {
    Map<Integer, Answer> answers = send(shop, "/api/v1/checkout/sync", customer, orders, inFlight);
    Map<String, Integer> outcomes = answers.values().stream()
      .collect(Collectors.groupingBy(answer -> "HTTP " + answer.status(), TreeMap::new, Collectors.summingInt(answer -> 1)));
    long lastAnswer = answers.values().stream().mapToLong(answer -> answer.startedAt() + answer.millis()).max().orElseThrow();
    return new Run(latencies(answers), List.of(), outcomes, orders, lastAnswer - firstStart(answers));
  }

  private static Map<Integer, Answer> send(Shop shop, String path, String customer, int orders, int inFlight)
    throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Map<Integer, Answer> answers = new ConcurrentHashMap<>();
    Semaphore slots = new Semaphore(inFlight);
    for (int n = 0; n < orders; n++) {
      slots.acquire();
      int number = n;
      long startedAt = System.currentTimeMillis();
      long started = System.nanoTime();
      HttpRequest request = HttpRequest.newBuilder(URI.create(shop.http().baseUrl() + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + shop.accessToken(customer))
        .POST(HttpRequest.BodyPublishers.ofString(Shop.order(customer, "tok_visa", SKUS.get(n % SKUS.size()), 1).encode()))
        .build();
      client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
        long millis = (System.nanoTime() - started) / 1_000_000;
        answers.put(number, failure == null ? new Answer(response.statusCode(), response.body(), startedAt, millis)
          : new Answer(0, String.valueOf(failure), startedAt, millis));
        slots.release();
      });
    }
    slots.acquire(inFlight);
    return answers;
  }

  /** A round of each style, not reported, so that the first fault setting is not measured on a cold JIT. */
  private static void warmUpJvm(int orders, int inFlight) throws InterruptedException {
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_RATE_LIMIT_ENABLED", "false")) {
      Shop shop = new Shop(orderflow.http());
      String customer = shop.newCustomer();
      saga(shop, customer, orders, inFlight);
      sync(shop, customer, orders, inFlight);
    }
  }

  /** One order through the saga first, so that the consumer groups hold their partitions before the clock starts. */
  private static void warmUp(Shop shop, String customer) {
    shop.settled(shop.placeAccepted(Shop.order(customer, "tok_visa", "PEN-0001", 1)), SETTLE);
  }

  private static List<Long> latencies(Map<Integer, Answer> answers) {
    return answers.values().stream().map(Answer::millis).toList();
  }

  private static long firstStart(Map<Integer, Answer> answers) {
    return answers.values().stream().mapToLong(Answer::startedAt).min().orElseThrow();
  }

  /** One answer: its status and body, when the request was sent (epoch ms) and how long the answer took. */
  private record Answer(int status, String body, long startedAt, long millis) {
  }

  /** One style under one fault setting; {@code wallMillis} runs from the first request to the last checkout settled. */
  private record Run(List<Long> answered, List<Long> settled, Map<String, Integer> outcomes, int orders, long wallMillis) {

    String row(String faults, String style) {
      String settledFigures = settled.isEmpty() ? "= answered" : percentiles(settled);
      String outcomeList = outcomes.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
        .collect(Collectors.joining(", "));
      return String.format("| %s | %s | %s | %s | %.0f | %s |", faults, style, percentiles(answered), settledFigures,
        orders / (wallMillis / 1e3), outcomeList);
    }

    private static String percentiles(List<Long> values) {
      return Percentiles.of(values, 0.50) + " / " + Percentiles.of(values, 0.99) + " ms";
    }
  }
}

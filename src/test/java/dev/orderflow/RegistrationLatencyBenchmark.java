package dev.orderflow;

import dev.orderflow.support.Http;
import dev.orderflow.support.Percentiles;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registration → welcome message latency at a fixed request rate: POST /api/v1/customers at
 * {@code rate} per second for {@code seconds}, then, per customer, the time from the registration
 * (its registeredAt) to the welcome message being committed (its createdAt). The path measured is
 * HTTP → customers → outbox → relay → Kafka → notifications group → inbox + insert.
 * Run it with {@code bench/messaging.sh}.
 */
public final class RegistrationLatencyBenchmark {

  public static void main(String[] args) throws Exception {
    int rate = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    try (TestInstance orderflow = TestInstance.start()) {
      Http http = orderflow.http();
      warmUp(http);
      Map<String, Instant> registered = new ConcurrentHashMap<>();
      AtomicInteger failed = new AtomicInteger();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
      AtomicInteger sent = new AtomicInteger();
      int total = rate * seconds;
      clock.scheduleAtFixedRate(() -> {
        int n = sent.incrementAndGet();
        if (n > total) {
          return;
        }
        client.sendAsync(register(http.baseUrl(), n), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
          if (failure == null && response.statusCode() == 201) {
            JsonObject customer = new JsonObject(response.body());
            registered.put(customer.getString("id"), Instant.parse(customer.getString("registeredAt")));
          } else {
            failed.incrementAndGet();
          }
        });
      }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
      while (registered.size() + failed.get() < total) {
        Thread.sleep(100);
      }
      clock.shutdownNow();

      List<Long> latencies = new ArrayList<>();
      for (Map.Entry<String, Instant> customer : registered.entrySet()) {
        latencies.add(welcomeLatencyMs(http, customer.getKey(), customer.getValue()));
      }
      latencies.sort(Long::compare);
      System.out.printf("registration → welcome at %d registrations/s for %d s: %d registered, %d failed; "
          + "latency p50 %d ms, p99 %d ms, max %d ms%n", rate, seconds, registered.size(), failed.get(),
        Percentiles.of(latencies, 0.50), Percentiles.of(latencies, 0.99), latencies.get(latencies.size() - 1));
    }
    // The JVM-wide embedded broker runs non-daemon threads; its shutdown hook stops it on exit.
    System.exit(0);
  }

  /** Until the consumer groups hold their partitions, the first welcome waits for the group join. */
  private static void warmUp(Http http) throws InterruptedException {
    String id = http.post("/api/v1/customers", "application/json",
      new JsonObject().put("email", "warm-up@example.com").put("name", "Warm-up").encode()).json().getString("id");
    welcomeLatencyMs(http, id, Instant.now());
  }

  private static long welcomeLatencyMs(Http http, String customerId, Instant registeredAt) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      var notifications = http.get("/api/v1/customers/" + customerId + "/notifications").json().getJsonArray("notifications");
      if (!notifications.isEmpty()) {
        Instant welcomedAt = Instant.parse(notifications.getJsonObject(0).getString("createdAt"));
        return Duration.between(registeredAt, welcomedAt).toMillis();
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no welcome message for " + customerId + " within 60 s");
  }

  private static HttpRequest register(String baseUrl, int n) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/customers"))
      .header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", "bench-" + n + "@example.com")
        .put("name", "Bench " + n).encode()))
      .build();
  }
}

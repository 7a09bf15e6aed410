package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.ProviderLedger;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test at load: orders arrive at a fixed rate (open model, {@code -Dorderflow.crash.rate},
 * orders per second) and the instance is killed with SIGKILL while they keep arriving. After the
 * restart every order that was answered 202 exists and ends terminal, no saga is left running, a
 * confirmed order was captured exactly once and any other order keeps nothing, and stock and money
 * add up.
 */
@DisplayName("kill -9 under a fixed arrival rate: every 202 survives and every saga ends terminal")
class LoadCrashIT {

  private static final int RATE = Integer.getInteger("orderflow.crash.rate", 150);
  private static final int SECONDS_BEFORE_KILL = 4;
  private static final Duration READY = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(180);
  private static final List<String> SKUS = List.of("BOOK-0001", "BOOK-0002", "BOOK-0003", "MUG-0001", "PEN-0001", "LAMP-0001",
    "COFFEE-0001", "NOTE-0001", "CABLE-0001", "CABLE-0002");
  private static final int CUSTOMERS = 16;

  @Test
  void everyAcceptedOrderSurvives() throws Exception {
    Path dataDir = TestInstance.newDataDir();
    int httpPort = JarProcess.freePort();
    int kafkaPort = JarProcess.freePort();
    Map<String, String> settings = Map.of("ORDERFLOW_RATE_LIMIT_ENABLED", "false");
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    AtomicInteger sent = new AtomicInteger();
    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    Map<Integer, String> refusals = new ConcurrentHashMap<>();

    try (JarProcess jar = JarProcess.start(dataDir, httpPort, kafkaPort, settings).awaitReady(READY)) {
      Shop shop = new Shop(jar.http());
      List<String> customers = new ArrayList<>();
      for (int i = 0; i < CUSTOMERS; i++) {
        customers.add(shop.newCustomer());
      }
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();
      arrivals.scheduleAtFixedRate(() -> {
        int n = sent.getAndIncrement();
        String customer = customers.get(n % CUSTOMERS);
        HttpRequest request = HttpRequest.newBuilder(URI.create(jar.http().baseUrl() + "/api/v1/orders"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + shop.accessToken(customer))
          .POST(HttpRequest.BodyPublishers.ofString(Shop.order(customer, "tok_visa", SKUS.get(n % SKUS.size()), 1).encode()))
          .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
          answers.computeIfAbsent(failure == null ? String.valueOf(response.statusCode()) : failure.getClass().getSimpleName(),
            kind -> new AtomicInteger()).incrementAndGet();
          if (response != null && response.statusCode() == 202) {
            accepted.add(new JsonObject(response.body()).getString("orderId"));
          } else if (response != null) {
            refusals.putIfAbsent(response.statusCode(), response.body());
          }
        });
      }, 0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);
      try {
        Await.until(SECONDS_BEFORE_KILL + " s worth of orders accepted", Duration.ofSeconds(60),
          () -> accepted.size() >= RATE * SECONDS_BEFORE_KILL);
      } finally {
        jar.kill();
        arrivals.shutdownNow();
        System.out.printf("kill -9 at %d orders/s: %d sent, answers %s, first refusals %s%n", RATE, sent.get(), answers, refusals);
      }
    }

    try (JarProcess restarted = JarProcess.start(dataDir, httpPort, kafkaPort, settings).awaitReady(READY)) {
      Shop shop = new Shop(restarted.http());
      shop.assertInvariants(SETTLE);
      long confirmed = 0;
      for (String orderId : accepted) {
        JsonObject order = shop.get(orderId);
        assertThat(order.getString("status")).as("accepted order %s after the restart", orderId).isIn("CONFIRMED", "CANCELLED");
        if (ProviderLedger.assertChargedOnce(dataDir, order)) {
          confirmed++;
        }
      }
      assertThat(accepted.size()).as("orders accepted before the kill").isGreaterThanOrEqualTo(RATE * SECONDS_BEFORE_KILL);
      assertThat(confirmed).as("the restart finished checkouts instead of cancelling them all").isPositive();
      assertThat(shop.sagas("RUNNING")).isEmpty();
      assertThat(shop.sagas("COMPENSATING")).isEmpty();
      assertThat(restarted.terminate(Duration.ofSeconds(15))).isZero();
    }
  }
}

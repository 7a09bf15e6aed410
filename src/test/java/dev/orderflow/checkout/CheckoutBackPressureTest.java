package dev.orderflow.checkout;

import dev.orderflow.support.Http;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of orders against a checkout that runs one saga at a time behind a slow but healthy
 * payment provider: the queue of sagas grows far past a step's deadline. Time queued inside
 * Orderflow must not cancel an accepted order, and past the backlog bound acceptance pushes back.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Checkout under a burst: queued sagas are not timed out, and acceptance pushes back past the backlog bound")
class CheckoutBackPressureTest {

  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final int MAX_BACKLOG = 16;
  /** Within the bound with room to spare: the gateway's last notice may still count a previous test's orders. */
  private static final int WITHIN_BOUND = MAX_BACKLOG - 4;
  /** Each saga takes at least the provider's latency; one at a time, the last of a burst within the bound waits several deadlines. */
  private static final int PROVIDER_LATENCY_MS = 400;
  private static final int STEP_DEADLINE_MS = 2500;

  private TestInstance orderflow;
  private Shop shop;

  @BeforeAll
  void start() {
    orderflow = TestInstance.start(
      "ORDERFLOW_CHECKOUT_MAX_RUNNING", "1",
      "ORDERFLOW_CHECKOUT_MAX_BACKLOG", String.valueOf(MAX_BACKLOG),
      "ORDERFLOW_CHECKOUT_STEP_DEADLINE_MS", String.valueOf(STEP_DEADLINE_MS));
    shop = new Shop(orderflow.http());
  }

  @AfterAll
  void stop() {
    orderflow.close();
  }

  @AfterEach
  void invariants() {
    shop.noFaults();
    shop.assertInvariants(SETTLE);
  }

  @Test
  @DisplayName("a burst within the bound queues several step deadlines deep, and every order confirms: no TIMEOUT")
  void queuedSagasAreNotTimedOut() {
    shop.faults(new JsonObject().put("latencyMs", PROVIDER_LATENCY_MS));
    String customer = shop.newCustomer();
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < WITHIN_BOUND; i++) {
      accepted.add(shop.placeAccepted(Shop.order(customer, "tok_visa", "LAMP-0001", 1)));
    }

    for (String orderId : accepted) {
      JsonObject order = shop.settled(orderId, SETTLE);
      assertThat(order.getString("status")).as("order %s (reason %s)", orderId, order.getString("reason")).isEqualTo("CONFIRMED");
    }
    JsonObject last = shop.saga(accepted.get(accepted.size() - 1));
    assertThat(Duration.between(Instant.parse(last.getString("createdAt")), Instant.parse(last.getString("updatedAt"))))
      .as("the last saga settled after more than a step deadline in the queue").isGreaterThan(Duration.ofMillis(STEP_DEADLINE_MS));
  }

  @Test
  @DisplayName("a burst beyond the bound is answered 503 checkout-backlog with Retry-After and stores nothing; what was accepted confirms")
  void burstBeyondTheBoundIsRefused() {
    shop.faults(new JsonObject().put("latencyMs", PROVIDER_LATENCY_MS));
    String customer = shop.newCustomer();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Http.Response> answers;
    try {
      List<CompletableFuture<Http.Response>> posts = new ArrayList<>();
      for (int i = 0; i < 4 * MAX_BACKLOG; i++) {
        posts.add(CompletableFuture.supplyAsync(() -> shop.place(Shop.order(customer, "tok_visa", "PEN-0001", 1)), clients));
      }
      answers = posts.stream().map(CompletableFuture::join).toList();
    } finally {
      clients.shutdown();
    }

    List<Http.Response> refused = answers.stream().filter(answer -> answer.status() == 503).toList();
    Set<String> accepted = answers.stream().filter(answer -> answer.status() == 202)
      .map(answer -> answer.json().getString("orderId")).collect(Collectors.toSet());
    assertThat(refused).as("some of the burst is pushed back").isNotEmpty();
    assertThat(accepted.size() + refused.size()).as("every answer is 202 or 503").isEqualTo(answers.size());
    for (Http.Response refusal : refused) {
      assertThat(refusal.contentType()).isEqualTo("application/problem+json");
      assertThat(refusal.json().getString("type")).endsWith("/checkout-backlog");
      assertThat(Long.parseLong(refusal.header("Retry-After"))).as(refusal.body()).isBetween(1L, 30L);
    }
    assertThat(shop.as(customer).get("/api/v1/orders?customerId=" + customer + "&limit=100").json().getJsonArray("orders").stream()
      .map(order -> ((JsonObject) order).getString("id")).collect(Collectors.toSet()))
      .as("a refused order is not stored").isEqualTo(accepted);
    for (String orderId : accepted) {
      JsonObject order = shop.settled(orderId, SETTLE);
      assertThat(order.getString("status")).as("order %s (reason %s)", orderId, order.getString("reason")).isEqualTo("CONFIRMED");
    }
    assertThat(Kafka.readAll(SharedKafka.bootstrapServers(), orderflow.topic("orderflow.orders")).stream()
      .filter(record -> new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8).contains("OrderPlaced"))
      .filter(record -> customer.equals(new JsonObject(record.value()).getString("customerId"))).map(ConsumerRecord::key)
      .collect(Collectors.toSet())).as("a refused order has no event").isEqualTo(accepted);
  }
}

package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.Shop;
import dev.orderflow.support.SigningKeys;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clustered instances of the jar on one PostgreSQL and one broker, both serving the API: the
 * races two instances can run that one cannot. Only the first instance runs the payment provider
 * stand-in, so that every charge lands in one ledger the test can count.
 */
@DisplayName("Two instances on one PostgreSQL: an Idempotency-Key and a cancel raced across them")
class TwoInstanceRacesIT {

  private static final Duration READY = Duration.ofSeconds(120);
  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final int RACES = 12;
  private static final String ALL_BUT_PROVIDER = "gateway,catalog,customers,orders,inventory,payments,checkout,notifications,analytics";

  private static String schemaPrefix;
  private static JarProcess first;
  private static JarProcess second;
  private static Shop viaFirst;
  private static Shop viaSecond;
  private static ExecutorService racers;

  @BeforeAll
  static void startTwoInstances() {
    schemaPrefix = Postgres.uniqueSchemaPrefix();
    Map<String, String> shared = Map.of(
      "ORDERFLOW_CLUSTER", "true",
      "ORDERFLOW_CLUSTER_NAME", "orderflow-races-" + UUID.randomUUID(),
      "ORDERFLOW_JWT_PRIVATE_KEY_FILE", SigningKeys.shared().toString(),
      "ORDERFLOW_DB_URL", Postgres.URL,
      "ORDERFLOW_DB_SCHEMA_PREFIX", schemaPrefix,
      "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers(),
      "ORDERFLOW_PAYMENTS_PROVIDER_API_KEY", Http.PROVIDER_API_KEY,
      "ORDERFLOW_PAYMENT_PROVIDER_API_KEY_SHA256", Http.PROVIDER_API_KEY_SHA256);
    Map<String, String> withoutProvider = new HashMap<>(shared);
    withoutProvider.put("ORDERFLOW_MODULES", ALL_BUT_PROVIDER);
    first = JarProcess.start(TestInstance.newDataDir(), shared).awaitReady(READY);
    second = JarProcess.start(TestInstance.newDataDir(), withoutProvider).awaitReady(READY);
    viaFirst = new Shop(first.http());
    viaSecond = new Shop(second.http());
    racers = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopThem() {
    if (racers != null) {
      racers.shutdownNow();
    }
    if (second != null) {
      assertThat(second.terminate(Duration.ofSeconds(30))).as("the second instance stops cleanly").isZero();
    }
    if (first != null) {
      assertThat(first.terminate(Duration.ofSeconds(30))).as("the first instance stops cleanly").isZero();
    }
    if (schemaPrefix != null) {
      Postgres.dropSchemas(schemaPrefix);
    }
  }

  @Test
  @DisplayName("the same Idempotency-Key and body sent to both instances at once: one order, both answers name it, charged once")
  void idempotencyKeyRacedOnTwoInstances() {
    String customer = viaFirst.newCustomer();
    Http firstAsCustomer = viaFirst.as(customer);
    Http secondAsCustomer = new Http(second.http().baseUrl(), "Authorization", "Bearer " + viaFirst.accessToken(customer));
    List<String> orders = new ArrayList<>();
    for (int race = 0; race < RACES; race++) {
      String body = Shop.order(customer, "tok_visa", "PEN-0001", 1).encode();
      String[] key = {"Idempotency-Key", "race-" + race + "-" + UUID.randomUUID()};
      List<Http.Response> answers = atOnce(
        () -> firstAsCustomer.post("/api/v1/orders", "application/json", body, key),
        () -> secondAsCustomer.post("/api/v1/orders", "application/json", body, key));
      assertThat(answers).as("race %d", race).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(202));
      String orderId = answers.get(0).json().getString("orderId");
      assertThat(answers.get(1).json().getString("orderId")).as("both instances answer the one order of the key").isEqualTo(orderId);
      orders.add(orderId);
    }
    List<String> placed = viaFirst.allOrders().stream().filter(order -> customer.equals(order.getString("customerId")))
      .map(order -> order.getString("id")).toList();
    assertThat(placed).as("one order per key, whichever instance stored it").containsExactlyInAnyOrderElementsOf(orders);
    for (String orderId : orders) {
      JsonObject settled = settled(firstAsCustomer, orderId);
      assertThat(settled.getString("status")).as(settled.encode()).isEqualTo("CONFIRMED");
      assertThat(providerCharges(orderId)).as("charges of %s", orderId).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a cancel sent to one instance while the other's saga confirms: accepted cancels end CANCELLED with nothing kept, refused ones CONFIRMED and charged once")
  void cancelRacedAgainstConfirm() {
    String customer = viaSecond.newCustomer();
    Http secondAsCustomer = viaSecond.as(customer);
    Http firstAsCustomer = new Http(first.http().baseUrl(), "Authorization", "Bearer " + viaSecond.accessToken(customer));
    Map<String, Integer> cancelAnswers = new HashMap<>();
    for (int race = 0; race < RACES; race++) {
      Http.Response placed = firstAsCustomer.post("/api/v1/orders", "application/json",
        Shop.order(customer, "tok_visa", "MUG-0001", 1).encode());
      assertThat(placed.status()).as(placed.body()).isEqualTo(202);
      String orderId = placed.json().getString("orderId");
      // later and later cancels: the first ones find the order pending, the last ones mostly confirmed
      pause(Duration.ofMillis(race * 15L));
      Http.Response cancel = secondAsCustomer.post("/api/v1/orders/" + orderId + "/cancel", "application/json", "{}", "If-Match", "*");
      assertThat(cancel.status()).as(cancel.body()).isIn(202, 409);
      cancelAnswers.put(orderId, cancel.status());
    }
    System.out.printf("cancel raced against confirm: %d accepted, %d refused%n", cancelAnswers.values().stream().filter(status -> status == 202).count(),
      cancelAnswers.values().stream().filter(status -> status == 409).count());
    assertThat(cancelAnswers.values()).as("a cancel sent right after the 202 finds the order pending").contains(202);
    cancelAnswers.forEach((orderId, cancelStatus) -> {
      JsonObject order = settled(secondAsCustomer, orderId);
      long charges = providerCharges(orderId);
      BigDecimal kept = viaSecond.kept(orderId);
      if (cancelStatus == 202) {
        assertThat(order.getString("status")).as("an accepted cancel wins: %s", order.encode()).isEqualTo("CANCELLED");
        assertThat(order.getString("reason")).isEqualTo("CANCELLED_BY_CUSTOMER");
        assertThat(kept).as("money kept for cancelled %s", orderId).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(charges).as("charges of cancelled %s", orderId).isLessThanOrEqualTo(1);
      } else {
        assertThat(order.getString("status")).as("a refused cancel found it settled: %s", order.encode()).isEqualTo("CONFIRMED");
        assertThat(kept).isEqualByComparingTo(new BigDecimal(order.getValue("total").toString()));
        assertThat(charges).as("charges of confirmed %s", orderId).isEqualTo(1);
      }
    });
    viaFirst.assertInvariants(SETTLE);
  }

  private static JsonObject settled(Http asCustomer, String orderId) {
    Await.until("order " + orderId + " settles", SETTLE,
      () -> !"PENDING".equals(asCustomer.get("/api/v1/orders/" + orderId).json().getString("status")));
    return asCustomer.get("/api/v1/orders/" + orderId).json();
  }

  private static List<Http.Response> atOnce(Supplier<Http.Response> one, Supplier<Http.Response> other) {
    CyclicBarrier start = new CyclicBarrier(2);
    CompletableFuture<Http.Response> a = CompletableFuture.supplyAsync(() -> afterBarrier(start, one), racers);
    CompletableFuture<Http.Response> b = CompletableFuture.supplyAsync(() -> afterBarrier(start, other), racers);
    return List.of(a.join(), b.join());
  }

  private static Http.Response afterBarrier(CyclicBarrier start, Supplier<Http.Response> request) {
    try {
      start.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return request.get();
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Charges the provider stand-in holds for the order, read from its own schema: the ground truth of "charged once". */
  private static long providerCharges(String orderId) {
    try (Connection connection = Postgres.connect(schemaPrefix + "payment_provider");
         PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM charges WHERE order_id = ?")) {
      query.setString(1, orderId);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

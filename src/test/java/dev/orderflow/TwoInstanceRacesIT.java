package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.ClusterView;
import dev.orderflow.support.Http;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.ProviderLedger;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.Shop;
import dev.orderflow.support.SigningKeys;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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
@DisplayName("Two instances on one PostgreSQL: an Idempotency-Key and a cancel raced across them, then one gateway killed")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstanceRacesIT {

  private static final Duration READY = Duration.ofSeconds(120);
  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final int RACES = 12;
  private static final int FAILOVER_ORDERS = 90;
  private static final int CLIENT_TRIES = 20;
  private static final String ALL_BUT_PROVIDER = "gateway,catalog,customers,orders,inventory,payments,checkout,notifications,analytics";

  private static String schemaPrefix;
  private static JarProcess first;
  private static JarProcess second;
  private static Shop viaFirst;
  private static ExecutorService racers;
  private static boolean secondKilled;

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
    racers = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopThem() {
    if (racers != null) {
      racers.shutdownNow();
    }
    if (second != null && !secondKilled) {
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
  @Order(1)
  @DisplayName("the same Idempotency-Key and body sent to both instances at once: one order, both answers name it, charged once")
  void idempotencyKeyRacedOnTwoInstances() {
    String customer = viaFirst.newCustomer();
    Http firstAsCustomer = asCustomerOn(first, customer);
    Http secondAsCustomer = asCustomerOn(second, customer);
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
      JsonObject settled = viaFirst.settled(orderId, SETTLE);
      assertThat(settled.getString("status")).as(settled.encode()).isEqualTo("CONFIRMED");
      assertThat(ProviderLedger.charges(ProviderLedger.postgres(schemaPrefix), orderId)).as("charges of %s", orderId).isEqualTo(1);
    }
  }

  @Test
  @Order(2)
  @DisplayName("a cancel sent to one instance while the other's saga confirms: accepted cancels end CANCELLED with nothing kept, refused ones CONFIRMED and charged once")
  void cancelRacedAgainstConfirm() {
    String customer = viaFirst.newCustomer();
    Http firstAsCustomer = asCustomerOn(first, customer);
    Http secondAsCustomer = asCustomerOn(second, customer);
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
      JsonObject order = viaFirst.settled(orderId, SETTLE);
      long charges = ProviderLedger.charges(ProviderLedger.postgres(schemaPrefix), orderId);
      BigDecimal kept = viaFirst.kept(orderId);
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

  @Test
  @Order(3)
  @DisplayName("kill -9 of the second instance while a client places orders through both gateways (retrying on the other with its Idempotency-Key): the first keeps serving, takes over the sagas the second held, every accepted order settles once")
  void gatewayKilledUnderLoad() throws Exception {
    JsonObject view = first.http().get("/admin/cluster").json();
    String secondNode = ClusterView.member(view, "without the payment provider",
      member -> !member.getJsonArray("modules").contains("payment-provider")).getString("node");
    String customer = viaFirst.newCustomer();
    List<Http> gateways = List.of(asCustomerOn(first, customer), asCustomerOn(second, customer));
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    AtomicInteger retried = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> sent = new ArrayList<>();
    CompletableFuture<Long> recordsGone = null;
    CompletableFuture<Long> takenOver = null;
    try {
      for (int i = 0; i < FAILOVER_ORDERS; i++) {
        int n = i;
        sent.add(clients.submit(() -> accepted.add(placeRetryingElsewhere(gateways, n % 2, customer, retried))));
        if (n == FAILOVER_ORDERS / 3) {
          Await.until("a third of the orders accepted", SETTLE, () -> accepted.size() >= FAILOVER_ORDERS / 4);
          second.kill();
          secondKilled = true;
          recordsGone = CompletableFuture.supplyAsync(() -> millisUntil(() -> first.stdout().contains("unpublished orders of node " + secondNode)));
          takenOver = CompletableFuture.supplyAsync(() -> millisUntil(() -> first.stdout().contains("taken over from " + secondNode)));
        }
      }
      for (Future<?> order : sent) {
        order.get(SETTLE.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(accepted).as("every order accepted by one gateway or the other").hasSize(FAILOVER_ORDERS);
    System.out.printf("gateway failover: %d orders, %d retried on the other gateway after the kill%n", FAILOVER_ORDERS, retried.get());
    assertThat(recordsGone).as("the second instance was killed").isNotNull();
    System.out.printf("failover: the second's records unpublished %d ms after the kill%n", recordsGone.get(SETTLE.toSeconds(), TimeUnit.SECONDS));
    viaFirst.assertInvariants(SETTLE);
    viaFirst.assertCheckoutsFinished(accepted, ProviderLedger.postgres(schemaPrefix));
    long takeovers = first.stdout().lines().filter(line -> line.contains("taken over from " + secondNode)).count();
    System.out.printf("failover: %d sagas taken over from the killed instance, the first %s%n", takeovers,
      takeovers == 0 ? "(none was in flight)" : takenOver.get(SETTLE.toSeconds(), TimeUnit.SECONDS) + " ms after the kill");
  }

  /**
   * Places one order through {@code gateways[preferred]}; when that gateway is gone or cannot serve (no answer, 502-504), the same
   * request and key through the other after a second's backoff, as a client behind a load balancer would.
   */
  private static String placeRetryingElsewhere(List<Http> gateways, int preferred, String customer, AtomicInteger retried) {
    String body = Shop.order(customer, "tok_visa", "BOOK-0001", 1).encode();
    String[] key = {"Idempotency-Key", "failover-" + UUID.randomUUID()};
    for (int attempt = 0; attempt < CLIENT_TRIES; attempt++) {
      Http gateway = gateways.get((preferred + attempt) % 2);
      try {
        Http.Response answer = gateway.post("/api/v1/orders", "application/json", body, key);
        if (answer.status() == 202) {
          return answer.json().getString("orderId");
        }
        assertThat(answer.status()).as(answer.body()).isIn(502, 503, 504);
      } catch (UncheckedIOException gone) {
        // the gateway's process is gone: the client tries the other one
      }
      retried.incrementAndGet();
      pause(Duration.ofSeconds(1));
    }
    throw new AssertionError("no gateway accepted the order in " + CLIENT_TRIES + " tries");
  }

  /** A client acting as the customer (registered through the first instance) on {@code instance}'s gateway. */
  private static Http asCustomerOn(JarProcess instance, String customer) {
    return new Http(instance.http().baseUrl(), "Authorization", "Bearer " + viaFirst.accessToken(customer));
  }

  /** Milliseconds from now until {@code condition} holds (waiting at most SETTLE). */
  private static long millisUntil(BooleanSupplier condition) {
    long from = System.nanoTime();
    Await.until("a failover step", SETTLE, condition);
    return (System.nanoTime() - from) / 1_000_000;
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
}

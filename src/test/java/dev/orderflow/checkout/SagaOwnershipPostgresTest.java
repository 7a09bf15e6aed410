package dev.orderflow.checkout;

import dev.orderflow.support.Await;
import dev.orderflow.support.LogWatch;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import dev.orderflow.platform.Settings;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Databases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances sharing one PostgreSQL database and one consumer group: each saga is driven by its
 * owner only; a saga whose lease ran out is taken over by exactly one of them, with a TAKEN_OVER line.
 */
@DisplayName("Saga ownership on PostgreSQL: two instances, each drives the sagas it owns, a lapsed lease is taken over once")
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SagaOwnershipPostgresTest {

  private static final long LEASE_MS = 3000;
  private static final Duration SETTLE = Duration.ofSeconds(60);
  /** Room for a scan (every third of a lease) on a busy machine. */
  private static final long SCAN_SLACK_MS = LEASE_MS / 3 + 2000;
  private static final String PREFIX = Postgres.uniqueSchemaPrefix();
  private static final String NAMESPACE = "test-" + UUID.randomUUID().toString().substring(0, 8) + ".";

  private TestInstance first;
  private TestInstance second;

  @BeforeAll
  void start() {
    // one after the other: the first migrates and seeds the shared schemas
    first = TestInstance.start(settings());
    second = TestInstance.start(settings());
  }

  private static String[] settings() {
    return new String[] {
      "ORDERFLOW_DB_URL", Postgres.URL,
      "ORDERFLOW_DB_SCHEMA_PREFIX", PREFIX,
      "ORDERFLOW_KAFKA_NAMESPACE", NAMESPACE,
      "ORDERFLOW_CHECKOUT_SAGA_LEASE_MS", String.valueOf(LEASE_MS),
      // a charge the provider holds for seconds is waited for, not timed out
      "ORDERFLOW_PAYMENTS_TIMEOUT_MS", "10000",
      "ORDERFLOW_PAYMENTS_MAX_ATTEMPTS", "1",
      "ORDERFLOW_CHECKOUT_PAYMENT_TIMEOUT_MS", "12000",
      "ORDERFLOW_CHECKOUT_STEP_DEADLINE_MS", "30000"};
  }

  @AfterAll
  void stop() {
    for (TestInstance instance : new TestInstance[] {first, second}) {
      if (instance != null) {
        instance.close();
      }
    }
    Postgres.dropSchemas(PREFIX);
  }

  @Test
  @Order(1)
  @DisplayName("sagas whose owner is gone are left alone while its lease runs, then each is taken over by exactly one survivor and settled")
  void expiredLeasesTakenOverOnce() throws SQLException {
    Shop shop = new Shop(first.http());
    List<String> orders = confirmedOrders(shop, 6, "MUG-0001");

    long leaseUntil;
    try (LogWatch takeovers = LogWatch.on(SagaDriver.class.getName(), line -> line.contains(" taken over from gone-instance by "))) {
      leaseUntil = System.currentTimeMillis() + LEASE_MS;
      try (Connection checkout = Postgres.connect(PREFIX + "checkout");
           PreparedStatement abandon = checkout.prepareStatement(
             "UPDATE sagas SET state = 'RUNNING', step = 'CONFIRM', owner = 'gone-instance', lease_until = ? WHERE order_id = ?")) {
        for (String orderId : orders) {
          abandon.setLong(1, leaseUntil);
          abandon.setString(2, orderId);
          assertThat(abandon.executeUpdate()).isEqualTo(1);
        }
      }
      Await.until("every abandoned saga is confirmed again", SETTLE,
        () -> orders.stream().allMatch(orderId -> "CONFIRMED".equals(shop.sagaState(orderId))));
      assertThat(takeovers.lines()).as("one takeover logged per saga").hasSize(orders.size());
      orders.forEach(orderId -> assertThat(takeovers.lines()).filteredOn(line -> line.startsWith("saga " + orderId + " taken over from gone-instance by "))
        .hasSize(1));
    }
    Set<String> instances = Set.of(nodeId(first), nodeId(second));
    for (String orderId : orders) {
      JsonObject saga = shop.saga(orderId);
      List<JsonObject> taken = SagaHistory.of(saga).withOutcome("TAKEN_OVER");
      assertThat(taken).as("takeovers of saga %s", orderId).hasSize(1);
      assertThat(taken.get(0).getString("step")).isEqualTo("CONFIRM");
      assertThat(taken.get(0).getString("detail")).startsWith("from gone-instance by ");
      assertThat(SagaHistory.at(taken.get(0))).as("not taken while the lease ran")
        .isAfterOrEqualTo(Instant.ofEpochMilli(leaseUntil))
        .isBefore(Instant.ofEpochMilli(leaseUntil + SCAN_SLACK_MS));
      assertThat(saga.getString("owner")).isIn(instances);
      assertThat(shop.payments(orderId)).hasSize(1);
    }
    shop.assertInvariants(SETTLE);
  }

  @Test
  @Order(2)
  @DisplayName("two survivors racing to take over the same expired saga, each over its own connection: exactly one wins, every time")
  void racingSurvivorsOneWins() throws SQLException {
    Shop shop = new Shop(first.http());
    List<String> orders = confirmedOrders(shop, 4, "BOOK-0001");
    // leased for an hour, so that the running instances leave them alone; the racers look from two hours ahead
    long leaseUntil = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
    long racersNow = leaseUntil + Duration.ofHours(1).toMillis();
    int rounds = 5;
    Vertx vertx = Vertx.vertx();
    List<Database> databases = new ArrayList<>();
    try (Connection checkout = Postgres.connect(PREFIX + "checkout");
         PreparedStatement lapse = checkout.prepareStatement(
           "UPDATE sagas SET state = 'RUNNING', step = 'CONFIRM', owner = COALESCE(?, owner), lease_until = ? WHERE order_id = ?")) {
      List<SagaStore> racers = new ArrayList<>();
      for (String racer : List.of("racer-a", "racer-b")) {
        Database database = Databases.connect(vertx, Settings.catalog().resolve(new JsonObject().put("db", new JsonObject()
          .put("url", Postgres.URL).put("schema-prefix", PREFIX))), TestInstance.newDataDir(), 5000, new Readiness(vertx)).open("checkout").await();
        databases.add(database);
        racers.add(new SagaStore(database, racer, LEASE_MS));
      }
      for (int round = 0; round < rounds; round++) {
        for (String orderId : orders) {
          lapse.setString(1, round == 0 ? "gone-instance" : null);
          lapse.setLong(2, leaseUntil);
          lapse.setString(3, orderId);
          assertThat(lapse.executeUpdate()).isEqualTo(1);
          Saga expired = racers.get(0).find(orderId).await().orElseThrow();
          Future<Optional<Saga>> a = racers.get(0).takeOver(expired, racersNow);
          Future<Optional<Saga>> b = racers.get(1).takeOver(expired, racersNow);
          Future.join(a, b).await();
          assertThat(Stream.of(a.result(), b.result()).filter(Optional::isPresent)).as("winners of round %d for %s", round, orderId).hasSize(1);
        }
      }
      for (String orderId : orders) {
        List<JsonObject> taken = SagaHistory.of(shop.saga(orderId)).withOutcome("TAKEN_OVER");
        assertThat(taken).as("one takeover per round of %s", orderId).hasSize(rounds);
        assertThat(taken.get(0).getString("detail")).startsWith("from gone-instance by racer-");
      }
    } finally {
      databases.forEach(database -> database.close().await());
      vertx.close().await();
    }
    try (Connection checkout = Postgres.connect(PREFIX + "checkout");
         PreparedStatement settle = checkout.prepareStatement("UPDATE sagas SET state = 'CONFIRMED', step = 'DONE', lease_until = 0 WHERE order_id = ?")) {
      for (String orderId : orders) {
        settle.setString(1, orderId);
        assertThat(settle.executeUpdate()).isEqualTo(1);
      }
    }
  }

  @Test
  @Order(3)
  @DisplayName("a saga its live owner is charging keeps that owner; when the owner stops, the other instance takes it over within the lease and settles it")
  void liveOwnerKeepsItsSagaUntilItStops() {
    JsonObject slowCharge = new JsonObject().put("latencyMs", 6000);
    new Shop(first.http()).faults(slowCharge);
    new Shop(second.http()).faults(slowCharge);
    Shop shop = new Shop(first.http());
    String orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "PEN-0001", 1));
    Await.until("the saga is charging", SETTLE, () -> {
      JsonObject saga = shop.sagaOrNull(orderId);
      return saga != null && "CHARGE".equals(saga.getString("step")) && saga.containsKey("leaseUntil");
    });
    JsonObject charging = shop.saga(orderId);
    String owner = charging.getString("owner");
    TestInstance ownerInstance = owner.equals(nodeId(first)) ? first : second;
    TestInstance survivorInstance = ownerInstance == first ? second : first;
    Shop survivor = new Shop(survivorInstance.http());
    Instant leaseSeen = Instant.parse(charging.getString("leaseUntil"));
    Await.until("the owner renews its lease while the provider holds the charge", SETTLE, () -> {
      JsonObject saga = survivor.saga(orderId);
      return "CHARGE".equals(saga.getString("step")) && Instant.parse(saga.getString("leaseUntil")).isAfter(leaseSeen);
    });

    try (LogWatch takeover = LogWatch.on(SagaDriver.class.getName(),
      line -> line.startsWith("saga " + orderId + " taken over from " + owner + " by " + nodeId(survivorInstance) + " at RUNNING/CHARGE"))) {
      Instant stopping = Instant.now();
      ownerInstance.close();
      Instant stopped = Instant.now();
      if (ownerInstance == first) {
        first = null;
      } else {
        second = null;
      }
      survivor.noFaults();
      Await.until("the survivor takes the saga over and settles it", SETTLE,
        () -> Set.of("CONFIRMED", "CANCELLED").contains(survivor.sagaState(orderId)));
      assertThat(takeover.lines()).hasSize(1);

      JsonObject saga = survivor.saga(orderId);
      List<JsonObject> taken = SagaHistory.of(saga).withOutcome("TAKEN_OVER");
      assertThat(taken).as("the saga was taken over once, by the survivor").hasSize(1);
      assertThat(taken.get(0).getString("detail")).startsWith("from " + owner + " by " + nodeId(survivorInstance));
      assertThat(SagaHistory.at(taken.get(0))).as("not taken while its owner lived")
        .isAfterOrEqualTo(stopping)
        .isBefore(stopped.plusMillis(LEASE_MS + SCAN_SLACK_MS));
      assertThat(saga.getString("owner")).isEqualTo(nodeId(survivorInstance));
    }
    survivor.assertInvariants(SETTLE);
  }

  /** {@code count} orders of one {@code sku} each, placed and confirmed. */
  private static List<String> confirmedOrders(Shop shop, int count, String sku) {
    String customer = shop.newCustomer();
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      orders.add(shop.placeAccepted(Shop.order(customer, "tok_visa", sku, 1)));
    }
    orders.forEach(orderId -> assertThat(shop.settled(orderId, SETTLE).getString("status")).isEqualTo("CONFIRMED"));
    return orders;
  }

  private static String nodeId(TestInstance instance) {
    return instance.instance().platform().discovery().nodeId();
  }
}

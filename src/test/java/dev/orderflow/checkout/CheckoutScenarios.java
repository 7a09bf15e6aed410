package dev.orderflow.checkout;

import dev.orderflow.platform.Platform;
import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.core.Correlation;
import dev.orderflow.support.ApiSchemas;
import dev.orderflow.support.Await;
import dev.orderflow.support.EventContracts;
import dev.orderflow.support.Http;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.LogWatch;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkout saga end to end over HTTP, on whichever database the subclass names; every test
 * ends by checking the stock and money invariants over all orders.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
abstract class CheckoutScenarios {

  static final Duration SETTLE = Duration.ofSeconds(30);
  static final String[] FAST_RESILIENCE = {
    "ORDERFLOW_PAYMENTS_TIMEOUT_MS", "400",
    "ORDERFLOW_PAYMENTS_MAX_ATTEMPTS", "2",
    "ORDERFLOW_PAYMENTS_RETRY_INITIAL_MS", "20",
    "ORDERFLOW_PAYMENTS_RETRY_MAX_MS", "100",
    "ORDERFLOW_PAYMENTS_BREAKER_FAILURE_RATE", "100",
    "ORDERFLOW_PAYMENTS_BREAKER_WINDOW", "3",
    "ORDERFLOW_PAYMENTS_BREAKER_MIN_ATTEMPTS", "3",
    "ORDERFLOW_PAYMENTS_BREAKER_RESET_MS", "1500",
    "ORDERFLOW_CHECKOUT_STEP_DEADLINE_MS", "5000",
    "ORDERFLOW_CHECKOUT_PAYMENT_TIMEOUT_MS", "4000",
    "ORDERFLOW_CHECKOUT_RETRY_INITIAL_MS", "200",
    "ORDERFLOW_CHECKOUT_RETRY_MAX_MS", "1000",
    "ORDERFLOW_CHECKOUT_COMPENSATION_MAX_ATTEMPTS", "6",
    "ORDERFLOW_CHECKOUT_SAGA_LEASE_MS", "3000"};

  TestInstance orderflow;
  Shop shop;

  /** Settings that choose the database. */
  abstract String[] databaseSettings();

  /** A plain JDBC connection to a module's tables, for faults and histories no API can cause. */
  abstract Connection moduleDatabase(String module) throws SQLException;

  void afterStop() {
  }

  @BeforeAll
  void start() {
    List<String> settings = new ArrayList<>(List.of(FAST_RESILIENCE));
    settings.addAll(List.of(databaseSettings()));
    orderflow = TestInstance.start(settings.toArray(String[]::new));
    shop = new Shop(orderflow.http());
  }

  @AfterAll
  void stop() {
    orderflow.close();
    afterStop();
  }

  @AfterEach
  void invariants() {
    shop.noFaults();
    shop.assertInvariants(SETTLE);
  }

  @Test
  @DisplayName("happy path: 202 PENDING with Location, then CONFIRMED with one capture; v1 and v2 show the same order")
  void happyPath() {
    String customer = shop.newCustomer();
    Http.Response placed = shop.place(Shop.order(customer, "tok_visa", "BOOK-0001", 2, "MUG-0001", 1));
    assertThat(placed.status()).as(placed.body()).isEqualTo(202);
    assertThat(placed.json().getString("status")).isEqualTo("PENDING");
    String orderId = placed.json().getString("orderId");
    assertThat(placed.header("Location")).isEqualTo("/api/v1/orders/" + orderId);

    JsonObject v1 = shop.settled(orderId, SETTLE);
    assertThat(v1.getString("status")).isEqualTo("CONFIRMED");
    JsonObject v2 = shop.ofOrder(orderId).get("/api/v2/orders/" + orderId).json();
    Http.Response withTag = shop.ofOrder(orderId).get("/api/v1/orders/" + orderId);
    assertThat(withTag.header("ETag")).isEqualTo("\"" + v1.getLong("version") + "\"");

    BigDecimal mugPrice = new BigDecimal(v2.getJsonArray("lines").getJsonObject(1).getJsonObject("unitPrice").getString("amount"));
    String total = new BigDecimal("44.99").multiply(BigDecimal.valueOf(2)).add(mugPrice).setScale(2).toPlainString();
    assertThat(withTag.body()).contains("\"total\":" + total);
    assertThat(mugPrice).isEqualByComparingTo(shop.http().get("/api/v1/items/MUG-0001").json().getValue("price").toString());
    assertThat(v1.getString("currency")).isEqualTo("EUR");
    assertThat(v2.getJsonObject("total")).isEqualTo(new JsonObject().put("amount", total).put("currency", "EUR"));
    assertThat(v2.getJsonArray("lines").getJsonObject(0).getJsonObject("unitPrice").getString("amount")).isEqualTo("44.99");
    assertThat(v2.getString("status")).isEqualTo(v1.getString("status"));
    assertThat(v2.getLong("version")).isEqualTo(v1.getLong("version"));
    assertThat(shop.kept(orderId)).isEqualByComparingTo(total);

    JsonObject saga = shop.saga(orderId);
    assertThat(saga.getString("state")).isEqualTo("CONFIRMED");
    assertThat(saga.getJsonArray("history").stream().map(step -> ((JsonObject) step).getString("step") + ":" + ((JsonObject) step).getString("outcome")))
      .containsSubsequence("RESERVE:OK", "CHARGE:OK", "CONFIRM:OK");
    Http.Response sagas = shop.http().get("/admin/sagas?limit=200");
    assertThat(ApiSchemas.validate("Sagas", sagas.json()).getValid()).as("as the contract says: " + sagas.body()).isTrue();
    Http.Response payments = shop.ofOrder(orderId).get("/api/v1/payments?orderId=" + orderId);
    assertThat(ApiSchemas.validate("Payments", payments.json()).getValid()).as("as the contract says: " + payments.body()).isTrue();

    Await.until("OrderConfirmed is on Kafka", SETTLE, () -> ordersEvents(orderId).size() == 2);
    List<ConsumerRecord<String, String>> events = ordersEvents(orderId);
    assertThat(header(events.get(0), "ce_type")).contains("OrderPlaced");
    assertThat(header(events.get(1), "ce_type")).contains("OrderConfirmed");
    assertThat(header(events.get(1), "ce_causationid")).as("OrderConfirmed names the OrderPlaced that caused it")
      .isEqualTo(header(events.get(0), "ce_id"));
    for (ConsumerRecord<String, String> event : ordersEvents(orderId)) {
      String type = new String(event.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
      assertThat(EventContracts.validator(type).validate(new JsonObject(event.value())).getValid()).as(type + " " + event.value()).isTrue();
      assertThat(event.value()).as("the payment token stays out of the events").doesNotContain("tok_visa");
    }
    Await.until("the customer hears of the confirmation", SETTLE, () -> shop.as(v1.getString("customerId")).get("/api/v1/customers/" + v1.getString("customerId")
      + "/notifications").json().getJsonArray("notifications").stream().anyMatch(note -> "ORDER_CONFIRMED".equals(((JsonObject) note).getString("kind"))));
    Await.until("analytics count the order", SETTLE, () -> shop.http().get("/api/v1/analytics/orders").json().getJsonArray("topSkus").stream()
      .anyMatch(sku -> "BOOK-0001".equals(((JsonObject) sku).getString("sku"))));
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private List<ConsumerRecord<String, String>> ordersEvents(String orderId) {
    return Kafka.readAll(SharedKafka.bootstrapServers(), orderflow.topic("orderflow.orders")).stream()
      .filter(record -> orderId.equals(record.key())).toList();
  }

  @Test
  @DisplayName("out of stock: cancelled with OUT_OF_STOCK, nothing charged, nothing reserved")
  void outOfStock() {
    String orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "DESK-0001", 26));
    JsonObject order = shop.settled(orderId, SETTLE);
    assertThat(order.getString("status")).isEqualTo("CANCELLED");
    assertThat(order.getString("reason")).isEqualTo("OUT_OF_STOCK");
    assertThat(shop.payments(orderId)).isEmpty();
  }

  @Test
  @DisplayName("declined: cancelled with PAYMENT_DECLINED and the stock released")
  void declined() {
    String orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_declined", "CHAIR-0001", 3));
    JsonObject order = shop.settled(orderId, SETTLE);
    assertThat(order.getString("reason")).isEqualTo("PAYMENT_DECLINED");
    assertThat(shop.payments(orderId).getJsonObject(0).getString("status")).isEqualTo("DECLINED");
  }

  @Test
  @DisplayName("provider down: the breaker opens, orders are cancelled PAYMENT_UNAVAILABLE quickly; after recovery orders confirm")
  void providerDown() {
    shop.faults(new JsonObject().put("outage", true));
    String customer = shop.newCustomer();
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      orders.add(shop.placeAccepted(Shop.order(customer, "tok_visa", "PEN-0001", 1)));
    }
    long started = System.nanoTime();
    for (String orderId : orders) {
      JsonObject order = shop.settled(orderId, SETTLE);
      assertThat(order.getString("reason")).isEqualTo("PAYMENT_UNAVAILABLE");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    String lastFailure = shop.saga(orders.get(orders.size() - 1)).getJsonArray("history").stream()
      .map(step -> String.valueOf(((JsonObject) step).getString("detail"))).filter(detail -> detail.contains("PAYMENT_UNAVAILABLE"))
      .findFirst().orElseThrow();
    assertThat(lastFailure).containsIgnoringCase("breaker");
    assertThat(shop.http().get("/metrics").body()).contains("orderflow_breaker_state{service=\"payment-provider\"} 2.0");

    shop.noFaults();
    Await.until("the breaker leaves OPEN", SETTLE, () -> !shop.http().get("/metrics").body()
      .contains("orderflow_breaker_state{service=\"payment-provider\"} 2.0"));
    String recovered = shop.placeAccepted(Shop.order(customer, "tok_visa", "PEN-0001", 1));
    assertThat(shop.settled(recovered, SETTLE).getString("status")).isEqualTo("CONFIRMED");
  }

  @Test
  @DisplayName("provider slower than the timeout: cancelled with TIMEOUT; the late capture is found and refunded")
  void slowProvider() {
    String orderId = turnedBackByASlowProvider("LAMP-0001");
    assertThat(shop.saga(orderId).getString("reason")).isEqualTo("TIMEOUT");
    cancelledOnceFaultsClear(orderId, "TIMEOUT");
  }

  @Test
  @DisplayName("a compensation that keeps failing is parked, listed, and finishes when an operator retries it")
  void parkedCompensation() {
    String orderId = turnedBackByASlowProvider("MUG-0001");
    shop.faults(new JsonObject().put("outage", true));
    Await.until("the saga is parked", SETTLE, () -> shop.sagas("PARKED").stream()
      .anyMatch(saga -> orderId.equals(((JsonObject) saga).getString("orderId"))));
    JsonObject parked = shop.saga(orderId);
    assertThat(parked.getString("step")).isEqualTo("REFUND");
    assertThat(parked.getString("lastError")).isNotBlank();
    assertThat(ApiSchemas.validate("Saga", parked).getValid()).as("as the contract says: " + parked).isTrue();
    assertThat(shop.get(orderId).getString("status")).isEqualTo("PENDING");
    shop.noFaults();
    Http.Response retried = shop.http().post("/admin/sagas/" + orderId + "/retry", "application/json", "{}");
    assertThat(retried.status()).as(retried.body()).isEqualTo(202);
    assertThat(ApiSchemas.validate("Saga", retried.json()).getValid()).as("as the contract says: " + retried.body()).isTrue();
    assertThat(shop.http().post("/admin/sagas/" + orderId + "/retry", "application/json", "{}").status()).isIn(202, 409);
    JsonObject order = shop.settled(orderId, SETTLE);
    assertThat(order.getString("reason")).isEqualTo("TIMEOUT");
    assertThat(shop.http().post("/admin/sagas/" + orderId + "/retry", "application/json", "{}").status()).isEqualTo(409);
  }

  @Test
  @DisplayName("a saga whose write failed (its history table gone for a while) is driven again from what was stored and settles")
  void drivenAgainAfterAFailedWrite() throws SQLException {
    String orderId = turnedBackByASlowProvider("LAMP-0001");
    shop.faults(new JsonObject().put("outage", true));
    try (LogWatch stopped = LogWatch.on(SagaDriver.class.getName(), line -> line.startsWith("saga " + orderId + " stopped"));
         Connection checkout = moduleDatabase("checkout")) {
      checkout.createStatement().execute("ALTER TABLE saga_steps RENAME TO saga_steps_gone");
      try {
        Await.until("a write of the saga fails", SETTLE, stopped::seen);
      } finally {
        checkout.createStatement().execute("ALTER TABLE saga_steps_gone RENAME TO saga_steps");
      }
    }
    cancelledOnceFaultsClear(orderId, "TIMEOUT");
  }

  @Test
  @DisplayName("a saga left unfinished and unwritten (its instance gone) is taken up and settled by a running instance")
  void abandonedSagaTakenOver() throws SQLException {
    String orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "MUG-0001", 1));
    assertThat(shop.settled(orderId, SETTLE).getString("status")).isEqualTo("CONFIRMED");
    int historyBefore = shop.saga(orderId).getJsonArray("history").size();
    try (Connection checkout = moduleDatabase("checkout");
         PreparedStatement abandon = checkout.prepareStatement(
           "UPDATE sagas SET state = 'RUNNING', step = 'CONFIRM', updated_at = 1 WHERE order_id = ?")) {
      abandon.setString(1, orderId);
      assertThat(abandon.executeUpdate()).isEqualTo(1);
    }
    Await.until("the abandoned saga is confirmed again", SETTLE, () -> "CONFIRMED".equals(shop.sagaState(orderId)));
    JsonArray history = shop.saga(orderId).getJsonArray("history");
    assertThat(history).hasSize(historyBefore + 1);
    assertThat(history.getJsonObject(historyBefore).getString("step")).isEqualTo("CONFIRM");
    assertThat(shop.payments(orderId)).hasSize(1);
  }

  @Test
  @DisplayName("a synchronous checkout that its caller's instance never drove is driven by the consumer group after a grace period")
  void orphanedSynchronousCheckout() throws Exception {
    String template = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "PEN-0001", 1));
    assertThat(shop.settled(template, SETTLE).getString("status")).isEqualTo("CONFIRMED");
    ConsumerRecord<String, String> placed = orderPlaced(template);
    String orderId = UUID.randomUUID().toString();
    try (Connection orders = moduleDatabase("orders")) {
      copyRow(orders, "INSERT INTO order_events (stream_id, version, event_id, event_type, data, correlation_id, recorded_at)"
        + " SELECT ?, 1, ?, event_type, ?, correlation_id, recorded_at FROM order_events WHERE stream_id = ? AND version = 1",
        orderId, UUID.randomUUID().toString(), orphanData(placed, orderId), template);
      copyRow(orders, "INSERT INTO order_view (order_id, customer_id, status, cancel_requested, version, currency, total_minor, lines,"
        + " placed_at, updated_at) SELECT ?, customer_id, 'PENDING', 0, 1, currency, total_minor, lines, placed_at, updated_at"
        + " FROM order_view WHERE order_id = ?", orderId, template);
      // the confirmed template kept no token: the orphan gets one of its own
      copyRow(orders, "INSERT INTO payment_tokens (order_id, token, created_at) SELECT ?, 'tok_visa', placed_at FROM order_view"
        + " WHERE order_id = ?", orderId, template);
    }
    RecordHeaders headers = new RecordHeaders(placed.headers().toArray());
    headers.remove("ce_id");
    headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    try (LogWatch orphanDriven = LogWatch.on(SagaDriver.class.getPackageName(),
      line -> line.contains("order " + orderId + " was not driven by its caller's instance"))) {
      Kafka.produce(SharedKafka.bootstrapServers(), new ProducerRecord<>(placed.topic(), null, orderId, orphanData(placed, orderId), headers));
      Await.until("the consumer group drives the orphaned checkout", SETTLE, orphanDriven::seen);
    }
    assertThat(shop.settled(orderId, SETTLE).getString("status")).isEqualTo("CONFIRMED");
    assertThat(shop.payments(orderId)).hasSize(1);
  }

  private static String orphanData(ConsumerRecord<String, String> placed, String orderId) {
    return new JsonObject(placed.value()).put("orderId", orderId).put("orchestration", "sync").encode();
  }

  private static void copyRow(Connection connection, String sql, String... parameters) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        insert.setString(i + 1, parameters[i]);
      }
      assertThat(insert.executeUpdate()).as(sql).isEqualTo(1);
    }
  }

  private ConsumerRecord<String, String> orderPlaced(String orderId) {
    return ordersEvents(orderId).stream()
      .filter(record -> new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8).contains("OrderPlaced"))
      .findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a duplicate OrderPlaced delivery starts no second saga and charges once")
  void duplicateDelivery() {
    String orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "BOOK-0001", 1));
    assertThat(shop.settled(orderId, SETTLE).getString("status")).isEqualTo("CONFIRMED");
    ConsumerRecord<String, String> placed = orderPlaced(orderId);
    Kafka.produce(SharedKafka.bootstrapServers(), new ProducerRecord<>(placed.topic(), null, placed.key(), placed.value(), placed.headers()));
    JsonArray history = shop.saga(orderId).getJsonArray("history");
    Await.until("the duplicate is consumed", SETTLE, () -> shop.http().get("/admin/consumer-groups/checkout").json()
      .getJsonObject("lag").stream().mapToLong(partition -> ((Number) partition.getValue()).longValue()).sum() == 0);
    assertThat(shop.saga(orderId).getJsonArray("history")).isEqualTo(history);
    assertThat(shop.payments(orderId)).hasSize(1);
    assertThat(shop.get(orderId).getString("status")).isEqualTo("CONFIRMED");
  }

  @Test
  @DisplayName("a customer cancel while PENDING goes through the compensation; stale If-Match is 412, a weak or malformed one 400, a settled order 409, none 428")
  void customerCancel() {
    shop.faults(new JsonObject().put("latencyMs", 300));
    String orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "CHAIR-0001", 2));
    Http.Response current = shop.ofOrder(orderId).get("/api/v1/orders/" + orderId);
    String etag = current.header("ETag");
    assertThat(shop.ofOrder(orderId).post("/api/v1/orders/" + orderId + "/cancel", "application/json", "{}").status()).isEqualTo(428);
    assertThat(shop.ofOrder(orderId).post("/api/v1/orders/" + orderId + "/cancel", "application/json", "{}", "If-Match", "3").status())
      .as("an unquoted tag is malformed").isEqualTo(400);
    Http.Response weak = shop.ofOrder(orderId).post("/api/v1/orders/" + orderId + "/cancel", "application/json", "{}", "If-Match", "W/" + etag);
    assertThat(weak.status()).as("this API hands out strong tags only; " + weak.body()).isEqualTo(400);
    assertThat(weak.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("If-Match");
    Http.Response cancelled = shop.ofOrder(orderId).post("/api/v1/orders/" + orderId + "/cancel", "application/json", "{}", "If-Match", etag);
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
    Http.Response stale = shop.ofOrder(orderId).post("/api/v1/orders/" + orderId + "/cancel", "application/json", "{}", "If-Match", etag);
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.contentType()).isEqualTo("application/problem+json");

    JsonObject order = shop.settled(orderId, SETTLE);
    assertThat(order.getString("status")).isEqualTo("CANCELLED");
    assertThat(order.getString("reason")).isEqualTo("CANCELLED_BY_CUSTOMER");
    Http.Response again = shop.ofOrder(orderId).post("/api/v1/orders/" + orderId + "/cancel", "application/json", "{}",
      "If-Match", shop.ofOrder(orderId).get("/api/v1/orders/" + orderId).header("ETag"));
    assertThat(again.status()).isEqualTo(409);

    shop.noFaults();
    String confirmedId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "PEN-0001", 1));
    assertThat(shop.settled(confirmedId, SETTLE).getString("status")).isEqualTo("CONFIRMED");
    Http.Response late = shop.ofOrder(confirmedId).post("/api/v1/orders/" + confirmedId + "/cancel", "application/json", "{}",
      "If-Match", shop.ofOrder(confirmedId).get("/api/v1/orders/" + confirmedId).header("ETag"));
    assertThat(late.status()).isEqualTo(409);
    assertThat(shop.ofOrder(confirmedId).post("/api/v1/orders/" + confirmedId + "/cancel", "application/json", "{}", "If-Match", "*").status())
      .as("* matches the confirmed order, which cannot be cancelled").isEqualTo(409);
  }

  @Test
  @DisplayName("concurrent cancels with one version: exactly one wins, the others get a conflict")
  void concurrentCancels() {
    shop.faults(new JsonObject().put("latencyMs", 300));
    String orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "BOOK-0001", 1));
    String etag = shop.ofOrder(orderId).get("/api/v1/orders/" + orderId).header("ETag");
    List<CompletableFuture<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      attempts.add(CompletableFuture.supplyAsync(() ->
        shop.ofOrder(orderId).post("/api/v1/orders/" + orderId + "/cancel", "application/json", "{}", "If-Match", etag).status()));
    }
    List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();
    assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
    assertThat(statuses).filteredOn(status -> status != 202).allMatch(status -> status == 412 || status == 409);
    assertThat(shop.settled(orderId, SETTLE).getString("reason")).isEqualTo("CANCELLED_BY_CUSTOMER");
  }

  @Test
  @DisplayName("a customer cancel racing the saga's confirm: per order exactly one wins, the other gets a conflict")
  void cancelRacesConfirm() {
    shop.faults(new JsonObject().put("latencyMs", 150));
    String customer = shop.newCustomer();
    List<String> orders = new ArrayList<>();
    List<CompletableFuture<Integer>> cancels = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String orderId = shop.placeAccepted(Shop.order(customer, "tok_visa", "MUG-0001", 1));
      String etag = shop.ofOrder(orderId).get("/api/v1/orders/" + orderId).header("ETag");
      // spread the cancels over the window in which the charge answers and the saga confirms
      Executor later = CompletableFuture.delayedExecutor(40L * i, TimeUnit.MILLISECONDS);
      orders.add(orderId);
      cancels.add(CompletableFuture.supplyAsync(() ->
        shop.ofOrder(orderId).post("/api/v1/orders/" + orderId + "/cancel", "application/json", "{}", "If-Match", etag).status(), later));
    }
    for (int i = 0; i < orders.size(); i++) {
      int cancel = cancels.get(i).join();
      JsonObject order = shop.settled(orders.get(i), SETTLE);
      if (cancel == 202) {
        assertThat(order.getString("reason")).as("cancel won for %s", orders.get(i)).isEqualTo("CANCELLED_BY_CUSTOMER");
      } else {
        assertThat(cancel).as("cancel lost for %s", orders.get(i)).isIn(409, 412);
        assertThat(order.getString("status")).as("confirm won for %s", orders.get(i)).isEqualTo("CONFIRMED");
      }
    }
  }

  @Test
  @DisplayName("idempotent POST: the same key and body answer the same and create one order; another body is 422")
  void idempotentPost() {
    String customer = shop.newCustomer();
    JsonObject order = Shop.order(customer, "tok_visa", "MUG-0001", 2);
    Http.Response first = shop.place(order, "Idempotency-Key", "key-" + customer);
    Http.Response second = shop.place(order, "Idempotency-Key", "key-" + customer);
    Http.Response other = shop.place(Shop.order(customer, "tok_visa", "MUG-0001", 3), "Idempotency-Key", "key-" + customer);

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.json()).isEqualTo(first.json());
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.contentType()).isEqualTo("application/problem+json");
    assertThat(shop.as(customer).get("/api/v1/orders?customerId=" + customer).json().getJsonArray("orders")).hasSize(1);
    shop.settled(first.json().getString("orderId"), SETTLE);
  }

  @Test
  @DisplayName("an order of free items confirms without asking the provider for a charge")
  void freeOrder() {
    JsonObject pen = shop.http().get("/api/v1/items/PEN-0001").json();
    try {
      priceOf(pen, "0.00");
      String orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "PEN-0001", 2));
      assertThat(shop.settled(orderId, SETTLE).getString("status")).isEqualTo("CONFIRMED");
      assertThat(shop.payments(orderId)).as("no payment was taken").isEmpty();
      assertThat(shop.saga(orderId).getJsonArray("history").stream().map(step -> ((JsonObject) step).getString("detail")))
        .contains("nothing to charge");
    } finally {
      priceOf(pen, pen.getValue("price").toString());
    }
  }

  @Test
  @DisplayName("an order is priced at the catalog's current price: a changed item's remembered price is forgotten")
  void pricedAtTheCurrentPrice() {
    JsonObject lamp = shop.http().get("/api/v1/items/LAMP-0001").json();
    String customer = shop.newCustomer();
    try {
      String before = shop.placeAccepted(Shop.order(customer, "tok_visa", "LAMP-0001", 1));
      priceOf(lamp, "7.25");
      String after = shop.placeAccepted(Shop.order(customer, "tok_visa", "LAMP-0001", 1));
      assertThat(shop.ofOrder(before).get("/api/v2/orders/" + before).json().getJsonObject("total").getString("amount"))
        .isEqualTo(new BigDecimal(lamp.getValue("price").toString()).setScale(2).toPlainString());
      assertThat(shop.ofOrder(after).get("/api/v2/orders/" + after).json().getJsonObject("total").getString("amount")).isEqualTo("7.25");
      shop.settled(before, SETTLE);
      shop.settled(after, SETTLE);
    } finally {
      priceOf(lamp, lamp.getValue("price").toString());
    }
  }

  private void priceOf(JsonObject item, String price) {
    Http.Response put = shop.http().putJson("/admin/catalog/items/" + item.getString("sku"), item.copy().put("price", price));
    assertThat(put.status()).as(put.body()).isBetween(200, 201);
  }

  @Test
  @DisplayName("an order whose caller stopped waiting before it could be stored is not placed: 504, nothing stored")
  void callerGaveUp() throws Exception {
    String customer = shop.newCustomer();
    // orders now remembers the customer and the price, so the next order goes straight to its write
    String first = shop.placeAccepted(Shop.order(customer, "tok_visa", "MUG-0001", 1));
    Platform platform = orderflow.instance().platform();
    String endpoint = platform.discovery().lookup("orders").await().getLocation().getString("endpoint");
    // a deadline spent when orders receives the request (a caller whose time ran out on the way), rather than a
    // deadline of 1 ms that a warm instance sometimes beats: the refusal must not depend on the machine's speed
    DeliveryOptions spentOnArrival = new DeliveryOptions().setSendTimeout(10_000)
      .addHeader(ServiceClient.ACTION_HEADER, "place-order")
      .addHeader(ServiceClient.TIMEOUT_HEADER, "0")
      .addHeader(Correlation.BUS_HEADER, "gave-up-" + customer);

    Throwable refused = platform.vertx().eventBus().request(endpoint, Shop.order(customer, "tok_visa", "MUG-0001", 1), spentOnArrival)
      .toCompletionStage().toCompletableFuture().handle((reply, failure) -> failure).get(10, TimeUnit.SECONDS);

    assertThat(refused).isInstanceOf(ReplyException.class).hasMessageContaining("the caller stopped waiting before the order could be stored");
    assertThat(((ReplyException) refused).failureCode()).isEqualTo(504);
    assertThat(shop.as(customer).get("/api/v1/orders?customerId=" + customer).json().getJsonArray("orders"))
      .extracting(order -> ((JsonObject) order).getString("id")).containsExactly(first);
  }

  @Test
  @DisplayName("an order placed before payment tokens were kept apart (token in its OrderPlaced) still hands out its token")
  void tokenOfAnEarlierOrder() throws Exception {
    String orderId = UUID.randomUUID().toString();
    JsonObject placed = new JsonObject().put("orderId", orderId).put("customerId", "c-earlier").put("lines", new JsonArray())
      .put("total", "12.50").put("currency", "EUR").put("paymentToken", "tok_earlier").put("orchestration", "saga");
    try (Connection orders = moduleDatabase("orders")) {
      PreparedStatement event = orders.prepareStatement("INSERT INTO order_events (stream_id, version, event_id, event_type, data, recorded_at)"
        + " VALUES (?, 1, ?, 'orderflow.orders.OrderPlaced.v1', ?, 1)");
      event.setString(1, orderId);
      event.setString(2, UUID.randomUUID().toString());
      event.setString(3, placed.encode());
      event.executeUpdate();
      PreparedStatement view = orders.prepareStatement("INSERT INTO order_view (order_id, customer_id, status, cancel_requested, version,"
        + " currency, total_minor, lines, placed_at, updated_at) VALUES (?, 'c-earlier', 'PENDING', 0, 1, 'EUR', 1250, '[]', 1, 1)");
      view.setString(1, orderId);
      view.executeUpdate();
    }
    JsonObject token = orderflow.instance().platform().services()
      .request("orders", "payment-token", new JsonObject().put("orderId", orderId), "earlier-" + orderId)
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(token.getString("paymentToken")).isEqualTo("tok_earlier");
    try (Connection orders = moduleDatabase("orders")) {
      orders.createStatement().executeUpdate("DELETE FROM order_view WHERE customer_id = 'c-earlier'");
      orders.createStatement().executeUpdate("DELETE FROM order_events WHERE data LIKE '%c-earlier%'");
    }
  }

  @Test
  @DisplayName("bad orders are 400 problems naming the field and create nothing")
  void badOrders() {
    String customer = shop.newCustomer();
    assertRefused(Shop.order(customer, "tok_visa", "NO-SUCH-SKU", 1), "items[0].sku");
    assertRefused(Shop.order("no-such-customer", "tok_visa", "MUG-0001", 1), "customerId");
    assertRefused(Shop.order(customer, "tok_visa", "MUG-0001", 0), "items[0].quantity");
    assertRefused(Shop.order(customer, "tok_visa", "MUG-0001", 1, "PEN-0001", 101), "items[1].quantity");
    assertRefused(Shop.order(customer, "tok_visa", "MUG-0001", new BigInteger("18446744073709551617")), "items[0].quantity");
    assertRefused(Shop.order(customer, "tok_visa", "MUG-0001", 1.5), "items[0].quantity");
    assertRefused(Shop.order(customer, "tok_visa"), "items");
    assertRefused(Shop.order(customer, "tok_\u0000", "MUG-0001", 1), "paymentToken");
    Http.Response nulCursor = shop.http().get("/api/v1/orders?cursor=MToA");
    assertThat(nulCursor.status()).as("a cursor holding U+0000 (PostgreSQL cannot store it): " + nulCursor.body()).isEqualTo(400);
    Http.Response nulCharge = Http.asPaymentsModule(orderflow.instance().httpEndpoint("payment-provider")).get("/v1/charges/%00");
    assertThat(nulCharge.status()).as("the provider's lookup of an id holding U+0000: " + nulCharge.body()).isIn(400, 404);
    Object[] tooMany = new Object[42];
    for (int i = 0; i < tooMany.length; i += 2) {
      tooMany[i] = "MUG-0001";
      tooMany[i + 1] = 1;
    }
    assertRefused(Shop.order(customer, "tok_visa", tooMany), "items");
    assertThat(shop.as(customer).get("/api/v1/orders?customerId=" + customer).json().getJsonArray("orders")).isEmpty();
  }

  @Test
  @DisplayName("the read model rebuilt from the event store is identical")
  void rebuildReadModel() {
    String orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_declined", "PEN-0001", 1));
    shop.settled(orderId, SETTLE);
    List<JsonObject> before = shop.allOrders();
    Http.Response rebuilt = shop.http().post("/admin/orders/rebuild-view", "application/json", "{}");
    assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
    assertThat(rebuilt.json().getLong("orders")).isEqualTo(before.size());
    assertThat(shop.allOrders()).isEqualTo(before);
  }

  @Test
  @DisplayName("the synchronous twin answers 201, 409, 402, 503 and 504 directly, compensating on the way out")
  void synchronousTwin() {
    String customer = shop.newCustomer();
    Http.Response confirmed = sync(Shop.order(customer, "tok_visa", "BOOK-0001", 1));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
    assertThat(confirmed.json().getString("status")).isEqualTo("CONFIRMED");
    assertThat(sync(Shop.order(customer, "tok_visa", "DESK-0001", 26)).status()).isEqualTo(409);
    assertThat(sync(Shop.order(customer, "tok_declined", "PEN-0001", 1)).status()).isEqualTo(402);
    Http.Response unknownSku = sync(Shop.order(customer, "tok_visa", "NO-SUCH-SKU", 1));
    assertThat(unknownSku.status()).as("the orders service's refusal, passed on by the checkout: " + unknownSku.body()).isEqualTo(400);
    assertThat(unknownSku.contentType()).isEqualTo("application/problem+json");
    shop.faults(new JsonObject().put("outage", true));
    Http.Response unavailable = sync(Shop.order(customer, "tok_visa", "PEN-0001", 1));
    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.contentType()).isEqualTo("application/problem+json");
    shop.noFaults();
    Await.until("the breaker leaves OPEN", SETTLE, () -> !shop.http().get("/metrics").body()
      .contains("orderflow_breaker_state{service=\"payment-provider\"} 2.0"));
    shop.faults(new JsonObject().put("latencyMs", 1500));
    Http.Response slow = sync(Shop.order(customer, "tok_visa", "PEN-0001", 1));
    assertThat(slow.status()).as(slow.body()).isEqualTo(504);
    assertThat(slow.json().getString("type")).as("compensated (or parked) after TIMEOUT, not cut short").matches(".*/(timeout|checkout-parked)");
    String slowOrder = shop.as(customer).get("/api/v1/orders?customerId=" + customer + "&status=PENDING").json().getJsonArray("orders")
      .getJsonObject(0).getString("id");
    cancelledOnceFaultsClear(slowOrder, "TIMEOUT");
  }

  /** An order whose charge outlasts the payments timeout: its saga is compensating (or parked) when this returns. */
  private String turnedBackByASlowProvider(String sku) {
    shop.faults(new JsonObject().put("latencyMs", 1500));
    String orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", sku, 1));
    Await.until("the saga turns back", SETTLE, () -> List.of("COMPENSATING", "PARKED").contains(shop.sagaState(orderId)));
    return orderId;
  }

  /** Clears the faults, retries the saga if it was parked meanwhile, and expects the order cancelled for {@code reason}. */
  private void cancelledOnceFaultsClear(String orderId, String reason) {
    shop.noFaults();
    if ("PARKED".equals(shop.sagaState(orderId))) {
      assertThat(shop.http().post("/admin/sagas/" + orderId + "/retry", "application/json", "{}").status()).isEqualTo(202);
    }
    JsonObject order = shop.settled(orderId, SETTLE);
    assertThat(order.getString("status")).isEqualTo("CANCELLED");
    assertThat(order.getString("reason")).isEqualTo(reason);
  }

  private Http.Response sync(JsonObject order) {
    return shop.as(order.getString("customerId")).post("/api/v1/checkout/sync", "application/json", order.encode());
  }

  private void assertRefused(JsonObject order, String field) {
    Http.Response refused = shop.place(order);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field")).as(refused.body()).isEqualTo(field);
  }

}

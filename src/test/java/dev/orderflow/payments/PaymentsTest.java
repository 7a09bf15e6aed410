package dev.orderflow.payments;

import dev.orderflow.platform.Instance;
import dev.orderflow.platform.bus.ServiceFailure;
import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.LogWatch;
import dev.orderflow.support.ProviderLedger;
import dev.orderflow.support.TestInstance;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments against the real provider stand-in over real HTTP, with faults set through the
 * gateway's admin API. Timeouts, backoff and breaker reset are short so that the failure paths run
 * in seconds.
 */
@DisplayName("Payments: charges and refunds at most once through a resilient HTTP client of the provider")
class PaymentsTest {

  private static final long TIMEOUT_MS = 200;
  private static final int MAX_ATTEMPTS = 10;
  private static final int BREAKER_MAX_FAILURES = 12;

  private static TestInstance orderflow;
  private static PaymentsBus payments;
  private static Http provider;
  private static Http gateway;

  @BeforeAll
  static void start() {
    orderflow = TestInstance.start(
      "ORDERFLOW_MODULES", "payment-provider,payments,gateway",
      "ORDERFLOW_PAYMENTS_TIMEOUT_MS", String.valueOf(TIMEOUT_MS),
      // 10 attempts: at an error rate of 0.5 a charge still fails in only 1 of 1024 runs
      "ORDERFLOW_PAYMENTS_MAX_ATTEMPTS", String.valueOf(MAX_ATTEMPTS),
      "ORDERFLOW_PAYMENTS_RETRY_INITIAL_MS", "10",
      "ORDERFLOW_PAYMENTS_RETRY_MAX_MS", "50",
      // all of the latest 12 attempts failed: more than one call's, so that only repeated failing calls open it
      "ORDERFLOW_PAYMENTS_BREAKER_FAILURE_RATE", "100",
      "ORDERFLOW_PAYMENTS_BREAKER_WINDOW", String.valueOf(BREAKER_MAX_FAILURES),
      "ORDERFLOW_PAYMENTS_BREAKER_MIN_ATTEMPTS", String.valueOf(BREAKER_MAX_FAILURES),
      "ORDERFLOW_PAYMENTS_BREAKER_RESET_MS", "1000",
      // the test's own bus client must not open its breaker on the 503s these tests provoke on purpose
      "ORDERFLOW_BREAKER_MAX_FAILURES", "1000");
    payments = new PaymentsBus(orderflow);
    provider = Http.asPaymentsModule(orderflow.instance().httpEndpoint("payment-provider"));
    gateway = orderflow.http();
  }

  @AfterAll
  static void stop() {
    orderflow.close();
  }

  @AfterEach
  void clearFaults() {
    setFaults(new JsonObject());
  }

  @Test
  @DisplayName("captures, records the payment, and answers a repeated charge from the record with the same charge")
  void capturesOnce() {
    JsonObject captured = payments.charge("order-capture", "12.50", "tok_visa").ok();
    JsonObject again = payments.charge("order-capture", "12.50", "tok_visa").ok();

    assertThat(captured.getString("status")).isEqualTo("CAPTURED");
    assertThat(captured.getString("amount")).isEqualTo("12.50");
    assertThat(captured.getString("currency")).isEqualTo("EUR");
    assertThat(captured.getString("chargeId")).startsWith("ch_");
    assertThat(again.getString("chargeId")).isEqualTo(captured.getString("chargeId"));
    assertThat(providerCharges("order-capture")).isEqualTo(1);
    JsonObject atProvider = provider.get("/v1/charges/" + captured.getString("chargeId")).json();
    assertThat(atProvider.getString("status")).isEqualTo("captured");
    assertThat(atProvider.getString("amount")).isEqualTo("12.50");

    JsonObject recorded = payments.payment("order-capture");
    assertThat(recorded.getString("status")).isEqualTo("CAPTURED");
    assertThat(recorded.getString("chargeId")).isEqualTo(captured.getString("chargeId"));
    assertThat(recorded.getLong("createdAt")).as("v1 clients keep reading epoch milliseconds").isPositive();
    assertThat(Instant.parse(recorded.getString("createdAtIso"))).isEqualTo(Instant.ofEpochMilli(recorded.getLong("createdAt")));
    assertThat(Instant.parse(recorded.getString("updatedAtIso"))).isEqualTo(Instant.ofEpochMilli(recorded.getLong("updatedAt")));
    assertThat(recorded.containsKey("token")).as("the card token is never listed").isFalse();
    assertThat(payments.payments("order-none").getJsonArray("payments")).isEmpty();
  }

  @Test
  @DisplayName("a decline is a reply with the provider's reason, recorded DECLINED; there is nothing to refund; a charge after the refund is refused")
  void declines() {
    JsonObject declined = payments.charge("order-declined", "20.00", "tok_declined").ok();

    assertThat(declined.getString("status")).isEqualTo("DECLINED");
    assertThat(declined.getString("reason")).isEqualTo("card_declined");
    assertThat(declined.containsKey("chargeId")).isFalse();
    assertThat(payments.payment("order-declined").getString("status")).isEqualTo("DECLINED");
    assertThat(payments.refund("order-declined").ok().getString("status")).isEqualTo("NOTHING_TO_REFUND");
    assertThat(payments.refund("order-never-charged").ok().getString("status")).isEqualTo("NOTHING_TO_REFUND");
    assertThat(payments.charge("order-never-charged", "10.00", "tok_visa").failed().kind())
      .as("a charge that arrives after its order's refund (a checkout that turned back meanwhile) is refused")
      .isEqualTo(ServiceFailure.Kind.CONFLICT);
    assertThat(providerCharges("order-never-charged")).isZero();
  }

  @Test
  @DisplayName("refunding twice refunds once, at the provider too")
  void refundsOnce() {
    String chargeId = payments.charge("order-refund", "40.00", "tok_visa").ok().getString("chargeId");

    JsonObject refunded = payments.refund("order-refund").ok();
    JsonObject again = payments.refund("order-refund").ok();

    assertThat(refunded.getString("status")).isEqualTo("REFUNDED");
    assertThat(refunded.getString("refundId")).startsWith("re_");
    assertThat(refunded.getString("amount")).isEqualTo("40.00");
    assertThat(again.getString("refundId")).isEqualTo(refunded.getString("refundId"));
    assertThat(provider.get("/v1/charges/" + chargeId).json().getString("refunded")).isEqualTo("40.00");
    assertThat(payments.payment("order-refund").getString("status")).isEqualTo("REFUNDED");
    assertThat(payments.charge("order-refund", "40.00", "tok_visa").failed().kind())
      .as("charging a refunded order again is refused and charges nothing").isEqualTo(ServiceFailure.Kind.CONFLICT);
    assertThat(providerCharges("order-refund")).isEqualTo(1);
  }

  @Test
  @DisplayName("refuses a malformed charge (400) and another amount for an already charged order (409), calling nobody")
  void refuses() {
    ServiceFailure numeric = payments.call("charge", new JsonObject().put("orderId", "order-bad").put("amount", 12.5)
      .put("currency", "EUR").put("token", "tok_visa")).failed();
    assertThat(numeric.kind()).isEqualTo(ServiceFailure.Kind.INVALID);
    assertThat(numeric.getMessage()).startsWith("amount:");
    assertThat(payments.charge("order-bad", "1.001", "tok_visa").failed().kind()).isEqualTo(ServiceFailure.Kind.INVALID);
    assertThat(payments.payments("order-bad").getJsonArray("payments")).isEmpty();

    payments.charge("order-conflict", "5.00", "tok_visa").ok();
    assertThat(payments.charge("order-conflict", "6.00", "tok_visa").failed().kind()).isEqualTo(ServiceFailure.Kind.CONFLICT);
    assertThat(providerCharges("order-conflict")).isEqualTo(1);
  }

  @Test
  @DisplayName("retries 5xx answers under one Idempotency-Key: at an error rate of 0.5 every charge still captures, exactly once")
  void retries() {
    setFaults(new JsonObject().put("errorRate", 0.5));
    double retriesBefore = retriesSoFar();

    // charges until one needed a retry (each does with probability 1/2), checking every one
    for (int order = 1; order <= 20 && retriesSoFar() == retriesBefore; order++) {
      String orderId = "order-retried-" + order;
      JsonObject captured = payments.charge(orderId, "33.00", "tok_visa").ok();

      assertThat(captured.getString("status")).isEqualTo("CAPTURED");
      assertThat(providerCharges(orderId)).isEqualTo(1);
      assertThat(payments.payment(orderId).getString("chargeId")).isEqualTo(captured.getString("chargeId"));
    }
    assertThat(retriesSoFar()).as("some charge was retried").isGreaterThan(retriesBefore);
  }

  @Test
  @DisplayName("a provider slower than the timeout fails the charge quickly with TIMEOUT, recorded UNKNOWN; a refund resolves it and gives the money back")
  void timeoutThenRefundResolves() {
    BigDecimal capturedBefore = total("captured");
    BigDecimal refundedBefore = total("refunded");
    setFaults(new JsonObject().put("latencyMs", 5_000));

    long started = System.nanoTime();
    ServiceFailure failure = payments.charge("order-slow", "25.00", "tok_visa").failed();
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(failure.kind()).isEqualTo(ServiceFailure.Kind.TIMEOUT);
    assertThat(failure.getMessage()).contains("did not answer within " + TIMEOUT_MS + " ms");
    assertThat(elapsedMs).as("every attempt is cut at the timeout, far below the provider's 5 s").isLessThan(4_000);
    assertThat(payments.payment("order-slow").getString("status")).isEqualTo("UNKNOWN");

    setFaults(new JsonObject());
    JsonObject refunded = payments.refund("order-slow").ok();

    assertThat(refunded.getString("status")).isEqualTo("REFUNDED");
    assertThat(refunded.getString("amount")).isEqualTo("25.00");
    JsonObject recorded = payments.payment("order-slow");
    assertThat(recorded.getString("status")).isEqualTo("REFUNDED");
    assertThat(provider.get("/v1/charges/" + recorded.getString("chargeId")).json().getString("refunded")).isEqualTo("25.00");
    assertThat(providerCharges("order-slow")).isEqualTo(1);
    assertThat(total("captured").subtract(capturedBefore)).isEqualByComparingTo("25.00");
    assertThat(total("refunded").subtract(refundedBefore)).isEqualByComparingTo("25.00");
  }

  @Test
  @DisplayName("an outage opens the breaker: calls then fail fast with UNAVAILABLE, and capture again once it is over and the reset time passed")
  void outageOpensTheBreaker() {
    setFaults(new JsonObject().put("outage", true));

    ServiceFailure first = payments.charge("order-outage-1", "10.00", "tok_visa").failed();
    assertThat(first.kind()).isEqualTo(ServiceFailure.Kind.UNAVAILABLE);
    assertThat(first.getMessage()).contains("503");
    assertThat(payments.payment("order-outage-1").getString("status"))
      .as("every attempt got a definite 503: nothing was charged").isEqualTo("FAILED");
    payments.charge("order-outage-2", "10.00", "tok_visa").failed();
    assertThat(breakerState()).as("open after " + BREAKER_MAX_FAILURES + " failed attempts").isEqualTo(2);

    long started = System.nanoTime();
    ServiceFailure fast = payments.charge("order-outage-3", "10.00", "tok_visa").failed();
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(fast.kind()).isEqualTo(ServiceFailure.Kind.UNAVAILABLE);
    assertThat(fast.getMessage()).contains("circuit breaker open");
    assertThat(elapsedMs).as("no attempt reaches the provider").isLessThan(TIMEOUT_MS);
    assertThat(payments.payment("order-outage-3").getString("status")).isEqualTo("FAILED");
    assertThat(payments.refund("order-outage-1").ok().getString("status")).isEqualTo("NOTHING_TO_REFUND");

    setFaults(new JsonObject());
    Await.until("the breaker lets a trial call through", Duration.ofSeconds(5), () -> breakerState() == 1);
    JsonObject captured = payments.charge("order-outage-3", "10.00", "tok_visa").ok();

    assertThat(captured.getString("status")).as("a FAILED charge is charged again").isEqualTo("CAPTURED");
    assertThat(breakerState()).as("half-open until its 3 trial attempts are in").isEqualTo(1);
    payments.charge("order-after-outage-1", "10.00", "tok_visa").ok();
    payments.charge("order-after-outage-2", "10.00", "tok_visa").ok();
    assertThat(breakerState()).isZero();
    assertThat(providerCharges("order-outage-3")).isEqualTo(1);
  }

  @Test
  @DisplayName("finds the provider only through its discovery record: a configured URL publishes one; without any, a charge fails fast")
  void providerRecord() {
    try (TestInstance elsewhere = TestInstance.start("ORDERFLOW_MODULES", "payments,gateway",
      "ORDERFLOW_PAYMENTS_PROVIDER_URL", provider.baseUrl())) {
      JsonObject captured = new PaymentsBus(elsewhere).charge("order-elsewhere", "7.00", "tok_visa").ok();

      assertThat(captured.getString("status")).isEqualTo("CAPTURED");
      assertThat(providerCharges("order-elsewhere")).as("charged at this instance's provider, by URL").isEqualTo(1);
    }
    try (TestInstance alone = TestInstance.start("ORDERFLOW_MODULES", "payments,gateway")) {
      PaymentsBus lonely = new PaymentsBus(alone);

      ServiceFailure failure = lonely.charge("order-nowhere", "7.00", "tok_visa").failed();

      assertThat(failure.kind()).isEqualTo(ServiceFailure.Kind.UNAVAILABLE);
      assertThat(failure.getMessage()).contains("no 'payment-provider' HTTP endpoint is registered");
      assertThat(lonely.payment("order-nowhere").getString("status")).isEqualTo("FAILED");
    }
  }

  @Test
  @DisplayName("a refund POSTed to the provider's port without the API key is refused 401: the money stays captured on both sides")
  void attackerRefundRefused() {
    String chargeId = payments.charge("order-attacked", "60.00", "tok_visa").ok().getString("chargeId");
    Http attacker = new Http(provider.baseUrl());

    Http.Response refund = attacker.post("/v1/refunds", "application/json", new JsonObject().put("chargeId", chargeId).encode(),
      "Idempotency-Key", "refund-order-attacked");

    assertThat(refund.status()).isEqualTo(401);
    assertThat(ProviderLedger.keptMinor(orderflow.dataDir(), "order-attacked")).isEqualTo(6000);
    assertThat(provider.get("/v1/charges/" + chargeId).json().getString("refunded")).isEqualTo("0.00");
    assertThat(payments.payment("order-attacked").getString("status")).isEqualTo("CAPTURED");
    assertThat(payments.refund("order-attacked").ok().getString("status"))
      .as("payments' own refund carries the key and the attacker used up nothing").isEqualTo("REFUNDED");
    assertThat(ProviderLedger.keptMinor(orderflow.dataDir(), "order-attacked")).isZero();
  }

  @Test
  @DisplayName("payments with a key the provider refuses: the charge fails 503 'refused our credentials', not a decline, once, and nothing is captured")
  void wrongKeyIsAnExplicitFailure() {
    try (TestInstance misconfigured = TestInstance.start("ORDERFLOW_MODULES", "payments,gateway",
      "ORDERFLOW_PAYMENTS_PROVIDER_URL", provider.baseUrl(), "ORDERFLOW_PAYMENTS_PROVIDER_API_KEY", "not-the-provider-key")) {
      PaymentsBus refused = new PaymentsBus(misconfigured);

      ServiceFailure failure = refused.charge("order-wrong-key", "8.00", "tok_visa").failed();

      assertThat(failure.kind()).isEqualTo(ServiceFailure.Kind.UNAVAILABLE);
      assertThat(failure.getMessage()).contains("payment provider refused our credentials", "HTTP 401");
      assertThat(refused.payment("order-wrong-key").getString("status")).isEqualTo("FAILED");
      assertThat(providerCharges("order-wrong-key")).isZero();
      assertThat(misconfigured.instance().platform().metrics().registry().get("orderflow.payments.provider.retries").counter().count())
        .as("a refused key is not retried").isZero();
    }
  }

  @Test
  @DisplayName("with no key and no hash configured, payments and the stand-in of one instance share a key generated for the process")
  void generatedKey() {
    try (LogWatch announced = LogWatch.on(Instance.class.getName(), line -> line.contains("generated a random key for this process"));
         TestInstance unconfigured = TestInstance.start("ORDERFLOW_MODULES", "payment-provider,payments,gateway",
           "ORDERFLOW_PAYMENTS_PROVIDER_API_KEY", "", "ORDERFLOW_PAYMENT_PROVIDER_API_KEY_SHA256", "")) {
      assertThat(announced.seen()).as("the startup log says so").isTrue();
      JsonObject captured = new PaymentsBus(unconfigured).charge("order-generated-key", "4.00", "tok_visa").ok();
      String standIn = unconfigured.instance().httpEndpoint("payment-provider");

      assertThat(captured.getString("status")).isEqualTo("CAPTURED");
      assertThat(new Http(standIn).get("/v1/charges/" + captured.getString("chargeId")).status()).isEqualTo(401);
      assertThat(Http.asPaymentsModule(standIn).get("/v1/charges/" + captured.getString("chargeId")).status())
        .as("the test key is not the generated one").isEqualTo(401);
    }
  }

  private static void setFaults(JsonObject faults) {
    assertThat(gateway.put("/admin/faults/payment-provider", "application/json", faults.encode()).status()).isEqualTo(200);
  }

  private static double breakerState() {
    Gauge gauge = orderflow.instance().platform().metrics().registry()
      .find("orderflow.breaker.state").tag("service", "payment-provider").gauge();
    assertThat(gauge).isNotNull();
    return gauge.value();
  }

  private static double retriesSoFar() {
    return orderflow.instance().platform().metrics().registry().get("orderflow.payments.provider.retries").counter().count();
  }

  private static BigDecimal total(String kind) {
    return new BigDecimal(payments.totals().getJsonObject(kind).getString("EUR", "0"));
  }

  private static long providerCharges(String orderId) {
    return ProviderLedger.charges(orderflow.dataDir(), orderId);
  }
}

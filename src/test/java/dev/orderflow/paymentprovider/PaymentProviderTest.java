package dev.orderflow.paymentprovider;

import dev.orderflow.platform.core.Secrets;
import dev.orderflow.support.Http;
import dev.orderflow.support.ProviderLedger;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The payment provider stand-in: its own HTTP server, idempotent charges and refunds, fault injection")
class PaymentProviderTest {

  /** A second key, accepted next to the test instances' one, as during a key rotation. */
  private static final String ROTATED_KEY = "rotated-payment-provider-key";

  private static TestInstance orderflow;
  private static Http provider;
  private static Http gateway;

  @BeforeAll
  static void start() {
    orderflow = TestInstance.start("ORDERFLOW_MODULES", "payment-provider,gateway",
      "ORDERFLOW_PAYMENT_PROVIDER_API_KEY_SHA256", Http.PROVIDER_API_KEY_SHA256 + "," + Secrets.sha256Hex(ROTATED_KEY));
    provider = Http.asPaymentsModule(orderflow.instance().httpEndpoint("payment-provider"));
    gateway = orderflow.http();
  }

  @AfterAll
  static void stop() {
    orderflow.close();
  }

  @Test
  @DisplayName("captures with any token, declines tok_declined always and tok_insufficient_funds above 100.00")
  void decides() {
    assertThat(charge("k-capture", "o-1", "12.50", "tok_visa").status()).isEqualTo(201);
    Http.Response declined = charge("k-declined", "o-2", "12.50", "tok_declined");
    assertThat(declined.status()).isEqualTo(402);
    assertThat(declined.json().getString("declineReason")).isEqualTo("card_declined");
    assertThat(charge("k-funds-ok", "o-3", "100.00", "tok_insufficient_funds").status()).isEqualTo(201);
    assertThat(charge("k-funds-low", "o-4", "100.01", "tok_insufficient_funds").status()).isEqualTo(402);
  }

  @Test
  @DisplayName("the same key never charges twice; the same key with another body is 422")
  void idempotent() {
    Http.Response first = charge("k-idem", "o-10", "30.00", "tok_visa");
    Http.Response again = charge("k-idem", "o-10", "30.00", "tok_visa");
    Http.Response other = charge("k-idem", "o-10", "31.00", "tok_visa");

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().getString("id")).isEqualTo(first.json().getString("id"));
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.contentType()).isEqualTo("application/problem+json");
    assertThat(provider.get("/v1/charges/" + first.json().getString("id")).json().getString("amount")).isEqualTo("30.00");
  }

  @Test
  @DisplayName("refunds what was captured, once per key, never more than the charge")
  void refunds() {
    String chargeId = charge("k-refund-charge", "o-20", "40.00", "tok_visa").json().getString("id");

    Http.Response partial = refund("k-refund-1", chargeId, "15.00");
    Http.Response repeated = refund("k-refund-1", chargeId, "15.00");
    Http.Response tooMuch = refund("k-refund-2", chargeId, "30.00");
    Http.Response rest = refund("k-refund-3", chargeId, null);

    assertThat(partial.status()).isEqualTo(201);
    assertThat(repeated.json().getString("id")).isEqualTo(partial.json().getString("id"));
    assertThat(tooMuch.status()).isEqualTo(409);
    assertThat(rest.json().getString("amount")).isEqualTo("25.00");
    assertThat(provider.get("/v1/charges/" + chargeId).json().getString("refunded")).isEqualTo("40.00");
    assertThat(refund("k-refund-4", "ch_unknown", null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("bad requests are 400 problems naming the field, and charge nothing")
  void refusesBadRequests() {
    assertThat(provider.post("/v1/charges", "application/json", body("o-30", "1.00", "tok_visa").encode()).status())
      .as("no Idempotency-Key").isEqualTo(400);
    for (JsonObject bad : new JsonObject[] {body("o-31", "-1", "tok_visa"), body("o-31", "1.001", "tok_visa"),
      body("o-31", "1.00", ""), body("o-31", "1.00", "tok_visa").put("currency", "XXX1"), body("", "1.00", "tok_visa"),
      body("o-31", "1.00", "tok_visa").put("amount", 12.5)}) {
      Http.Response refused = provider.post("/v1/charges", "application/json", bad.encode(), "Idempotency-Key", "k-bad-" + bad.hashCode());
      assertThat(refused.status()).as(bad.encode()).isEqualTo(400);
      assertThat(refused.json().getJsonArray("errors")).isNotEmpty();
    }
    assertThat(provider.post("/v1/charges", "application/json", "{", "Idempotency-Key", "k-malformed").status()).isEqualTo(400);
    assertThat(provider.get("/v1/charges/ch_nothing").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("every route refuses a request without a valid API key: 401 problem with WWW-Authenticate, nothing charged or refunded")
  void refusesWithoutKey() {
    Http.Response captured = charge("k-auth-charge", "o-50", "20.00", "tok_visa");
    String chargeId = captured.json().getString("id");
    Http open = new Http(provider.baseUrl());
    Http wrongKey = new Http(provider.baseUrl(), "Authorization", "Bearer not-the-key");
    Http hashAsKey = new Http(provider.baseUrl(), "Authorization", "Bearer " + Http.PROVIDER_API_KEY_SHA256);
    Http otherScheme = new Http(provider.baseUrl(), "Authorization", "Basic " + Http.PROVIDER_API_KEY);

    for (Http attacker : new Http[] {open, wrongKey, hashAsKey, otherScheme}) {
      assertUnauthorized(attacker.post("/v1/charges", "application/json", body("o-51", "5.00", "tok_visa").encode(),
        "Idempotency-Key", "k-auth-stolen-charge"));
      assertUnauthorized(attacker.post("/v1/refunds", "application/json", new JsonObject().put("chargeId", chargeId).encode(),
        "Idempotency-Key", "k-auth-stolen-refund"));
      assertUnauthorized(attacker.get("/v1/charges/" + chargeId));
      assertUnauthorized(attacker.get("/v1/charges/ch_unknown"));
    }

    JsonObject atProvider = provider.get("/v1/charges/" + chargeId).json();
    assertThat(atProvider.getString("status")).isEqualTo("captured");
    assertThat(atProvider.getString("refunded")).as("no refund without a key").isEqualTo("0.00");
    assertThat(ProviderLedger.keptMinor(orderflow.dataDir(), "o-50")).isEqualTo(2000);
    assertThat(ProviderLedger.charges(orderflow.dataDir(), "o-51")).as("no charge without a key").isZero();
    assertThat(charge("k-auth-stolen-charge", "o-52", "1.00", "tok_visa").status())
      .as("a refused request used up no Idempotency-Key").isEqualTo(201);
  }

  @Test
  @DisplayName("accepts every key whose hash is configured (a rotation), in any case of the Bearer scheme")
  void acceptsConfiguredKeys() {
    Http rotated = new Http(provider.baseUrl(), "Authorization", "Bearer " + ROTATED_KEY);
    Http lowerCaseScheme = new Http(provider.baseUrl(), "Authorization", "bearer " + Http.PROVIDER_API_KEY);

    String chargeId = rotated.post("/v1/charges", "application/json", body("o-60", "9.00", "tok_visa").encode(),
      "Idempotency-Key", "k-rotated").json().getString("id");

    assertThat(lowerCaseScheme.get("/v1/charges/" + chargeId).json().getString("status")).isEqualTo("captured");
    assertThat(provider.get("/v1/charges/" + chargeId).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("faults are off by default and set at runtime through the gateway's admin API")
  void faults() {
    assertThat(gateway.get("/admin/faults").json().getJsonObject("payment-provider"))
      .isEqualTo(new JsonObject().put("latencyMs", 0).put("errorRate", 0.0).put("outage", false));
    try {
      assertThat(gateway.put("/admin/faults/payment-provider", "application/json", "{\"outage\": true}").status()).isEqualTo(200);
      Http.Response down = charge("k-outage", "o-40", "5.00", "tok_visa");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.header("Retry-After")).isEqualTo("1");

      assertThat(gateway.put("/admin/faults/payment-provider", "application/json", "{\"latencyMs\": 300}").status()).isEqualTo(200);
      long started = System.nanoTime();
      assertThat(charge("k-slow", "o-41", "5.00", "tok_visa").status()).isEqualTo(201);
      assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);

      assertThat(gateway.put("/admin/faults/payment-provider", "application/json", "{\"errorRate\": 1}").status()).isEqualTo(200);
      assertThat(charge("k-error", "o-42", "5.00", "tok_visa").status()).isEqualTo(503);
      assertThat(gateway.put("/admin/faults/payment-provider", "application/json", "{\"errorRate\": 2}").status()).isEqualTo(400);
    } finally {
      gateway.put("/admin/faults/payment-provider", "application/json", "{}");
    }
    assertThat(charge("k-after-faults", "o-43", "5.00", "tok_visa").status()).isEqualTo(201);
  }

  private static void assertUnauthorized(Http.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer ");
  }

  private static Http.Response charge(String key, String orderId, String amount, String token) {
    return provider.post("/v1/charges", "application/json", body(orderId, amount, token).encode(), "Idempotency-Key", key);
  }

  private static Http.Response refund(String key, String chargeId, String amount) {
    JsonObject body = new JsonObject().put("chargeId", chargeId);
    if (amount != null) {
      body.put("amount", amount);
    }
    return provider.post("/v1/refunds", "application/json", body.encode(), "Idempotency-Key", key);
  }

  private static JsonObject body(String orderId, String amount, String token) {
    return new JsonObject().put("orderId", orderId).put("amount", amount).put("currency", "EUR").put("token", token);
  }
}

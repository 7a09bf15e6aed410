package dev.orderflow;

import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A 10,000-digit number over the socket is a 400 problem and stores nothing")
class LongNumbersTest {

  private static final String TEN_THOUSAND_DIGITS = "1" + "0".repeat(9_998) + "1";

  private static TestInstance orderflow;
  private static Http gateway;
  private static Http provider;

  @BeforeAll
  static void start() {
    orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,payment-provider,gateway");
    gateway = Http.asAdmin(orderflow.http().baseUrl());
    provider = Http.asPaymentsModule(orderflow.instance().httpEndpoint("payment-provider"));
  }

  @AfterAll
  static void stop() {
    orderflow.close();
  }

  @Test
  @DisplayName("catalog PUT with a 10,000-digit price, as a string or a number, is refused and creates no item")
  void catalogPrice() {
    JsonObject lamp = new JsonObject().put("name", "Long lamp").put("currency", "EUR");

    Http.Response asString = gateway.putJson("/admin/catalog/items/LONG-0001", lamp.copy().put("price", "0." + TEN_THOUSAND_DIGITS));
    Http.Response asNumber = gateway.put("/admin/catalog/items/LONG-0001", "application/json",
      lamp.encode().replace("}", ",\"price\":" + TEN_THOUSAND_DIGITS + "}"));

    assertThat(asString.status()).as(asString.body()).isEqualTo(400);
    assertThat(asString.contentType()).startsWith("application/problem+json");
    assertThat(asNumber.status()).as(asNumber.body()).isEqualTo(400);
    assertThat(gateway.get("/api/v1/items/LONG-0001").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("the provider's charge with a 10,000-digit amount is refused and keeps nothing under its key")
  void providerChargeAmount() {
    Http.Response refused = charge("k-long", "0." + TEN_THOUSAND_DIGITS);
    Http.Response afterwards = charge("k-long", "12.50");

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().getString("detail")).contains("amount");
    assertThat(afterwards.status()).as(afterwards.body()).isEqualTo(201);
  }

  private static Http.Response charge(String key, String amount) {
    JsonObject body = new JsonObject().put("orderId", "o-long").put("amount", amount).put("currency", "EUR").put("token", "tok_visa");
    return provider.post("/v1/charges", "application/json", body.encode(), "Idempotency-Key", key);
  }
}

package dev.orderflow.payments;

import dev.orderflow.support.Postgres;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Payments once more on PostgreSQL: capture, decline, refund, list and totals as on SQLite")
class PaymentsTestOnPostgres {

  private static final String PREFIX = Postgres.uniqueSchemaPrefix();
  private static TestInstance orderflow;
  private static PaymentsBus payments;

  @BeforeAll
  static void start() {
    orderflow = TestInstance.start("ORDERFLOW_MODULES", "payment-provider,payments,gateway",
      "ORDERFLOW_DB_URL", Postgres.URL, "ORDERFLOW_DB_SCHEMA_PREFIX", PREFIX);
    payments = new PaymentsBus(orderflow);
  }

  @AfterAll
  static void stop() {
    orderflow.close();
    Postgres.dropSchemas(PREFIX);
  }

  @Test
  @DisplayName("captures once, declines, refunds once, lists and sums the money")
  void captureRefundListTotals() {
    JsonObject captured = payments.charge("pg-order-1", "12.50", "tok_visa").ok();
    assertThat(captured.getString("status")).isEqualTo("CAPTURED");
    assertThat(payments.charge("pg-order-1", "12.50", "tok_visa").ok().getString("chargeId")).isEqualTo(captured.getString("chargeId"));
    assertThat(payments.charge("pg-order-2", "3.00", "tok_declined").ok().getString("status")).isEqualTo("DECLINED");
    payments.charge("pg-order-3", "7.25", "tok_visa").ok();

    JsonObject refunded = payments.refund("pg-order-1").ok();
    assertThat(refunded.getString("status")).isEqualTo("REFUNDED");
    assertThat(payments.refund("pg-order-1").ok().getString("refundId")).isEqualTo(refunded.getString("refundId"));
    assertThat(payments.refund("pg-order-2").ok().getString("status")).isEqualTo("NOTHING_TO_REFUND");

    JsonObject listed = payments.payment("pg-order-1");
    assertThat(listed.getString("status")).isEqualTo("REFUNDED");
    assertThat(listed.getString("amount")).isEqualTo("12.50");
    assertThat(listed.getString("chargeId")).isEqualTo(captured.getString("chargeId"));
    assertThat(listed.getString("refundId")).isEqualTo(refunded.getString("refundId"));
    assertThat(payments.payments("pg-order-none").getJsonArray("payments")).isEmpty();

    JsonObject totals = payments.totals();
    assertThat(totals.getJsonObject("captured").getString("EUR")).isEqualTo("19.75");
    assertThat(totals.getJsonObject("refunded").getString("EUR")).isEqualTo("12.50");
  }
}

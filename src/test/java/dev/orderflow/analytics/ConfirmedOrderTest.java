package dev.orderflow.analytics;

import dev.orderflow.support.EventContracts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;

/** Analytics' side of the OrderConfirmed contract: its reader on the sample that orders' schema validates (see ContractTest). */
class ConfirmedOrderTest {

  private static final Instant AT = Instant.parse("2026-01-15T09:30:42Z");

  @Test
  @DisplayName("the OrderConfirmed.v1 sample counts one order of 2500 euro cents in its minute and 2 of its sku")
  void readsTheSample() {
    ConfirmedOrder confirmed = ConfirmedOrder.from(AT, EventContracts.sample(AnalyticsContract.ORDER_CONFIRMED));

    assertThat(confirmed.minuteStart()).isEqualTo(Instant.parse("2026-01-15T09:30:00Z").toEpochMilli());
    assertThat(confirmed.currency()).isEqualTo(Currency.getInstance("EUR"));
    assertThat(confirmed.revenueMinor()).isEqualTo(2500);
    assertThat(confirmed.lines()).containsExactly(new ConfirmedOrder.SkuQuantity("SKU-BOOK-001", 2));
  }

  @Test
  @DisplayName("it reads no field beyond those AnalyticsContract declares: the sample cut down to them reads the same")
  void readsOnlyTheDeclaredFields() {
    assertThat(ConfirmedOrder.from(AT, EventContracts.sampleCutToDeclared(AnalyticsContract.ORDER_CONFIRMED, AnalyticsContract.REQUIRED_FIELDS)))
      .isEqualTo(ConfirmedOrder.from(AT, EventContracts.sample(AnalyticsContract.ORDER_CONFIRMED)));
  }
}

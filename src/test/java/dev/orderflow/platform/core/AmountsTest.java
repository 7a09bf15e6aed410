package dev.orderflow.platform.core;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Amounts: the money rules every module follows on the wire and in storage")
class AmountsTest {

  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency JPY = Currency.getInstance("JPY");

  @Test
  @DisplayName("an amount is stored as whole minor units and read back with the currency's digits")
  void minorUnitsRoundTrip() {
    long minor = Amounts.toMinor(new BigDecimal("12.5"), EUR);

    assertThat(minor).isEqualTo(1250);
    assertThat(Amounts.fromMinor(minor, EUR)).hasToString("12.50");
    assertThat(Amounts.fromMinor(500, JPY)).hasToString("500");
  }

  @Test
  @DisplayName("an amount finer than a cent cannot be stored")
  void noFractionOfAMinorUnit() {
    assertThatThrownBy(() -> Amounts.toMinor(new BigDecimal("0.125"), EUR)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  @DisplayName("an ISO 4217 currency with minor units is accepted")
  void aCurrencyIsAccepted() {
    assertThat(Amounts.currency("EUR")).isEqualTo(EUR);
    assertThat(Amounts.currency("JPY")).isEqualTo(JPY);
  }

  @Test
  @DisplayName("an unknown currency, or one without minor units (gold, XAU), is a 400 naming the currency")
  void aCurrencyIsRefused() {
    for (Object code : new Object[] {"EURO", "eur", "XAU", null, 978}) {
      assertRefused(() -> Amounts.currency(code), "currency: must be an ISO 4217 currency code");
    }
  }

  @Test
  @DisplayName("a positive decimal string is scaled to the currency's digits")
  void aPositiveAmountIsAccepted() {
    assertThat(Amounts.positive("amount", "12.5", EUR)).hasToString("12.50");
    assertThat(Amounts.positive("amount", "0.01", EUR)).hasToString("0.01");
    assertThat(Amounts.positive("amount", "12.500", EUR)).as("trailing zeros are not extra decimals").hasToString("12.50");
    assertThat(Amounts.positive("amount", "999999999999", JPY)).hasToString("999999999999");
  }

  @Test
  @DisplayName("zero, a negative amount, a JSON number, extra decimals or a 13th integer digit is a 400 naming the field")
  void anAmountIsRefused() {
    for (Object amount : new Object[] {"0", "-1.00", 12.5, "1.234", "1.5e0x", "1000000000000", null}) {
      assertRefused(() -> Amounts.positive("lines[0].amount", amount, EUR), "lines[0].amount: must be a positive decimal string");
    }
    assertRefused(() -> Amounts.positive("amount", "1.5", JPY), "amount: must be a positive decimal string");
  }

  private static void assertRefused(Runnable rule, String message) {
    assertThatThrownBy(rule::run).isInstanceOfSatisfying(Refusal.class, refusal -> {
      assertThat(refusal.code()).isEqualTo(400);
      assertThat(refusal.getMessage()).startsWith(message);
    });
  }
}

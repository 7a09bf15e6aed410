package dev.orderflow.orders;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Money in an order: exact minor units in one currency, never a double")
class MoneyTest {

  @Test
  @DisplayName("a catalog price becomes whole cents and reads back with the currency's digits")
  void aPriceIsHeldInMinorUnits() {
    Money price = Money.fromJson(new JsonObject().put("amount", "12.5").put("currency", "EUR"));

    assertThat(price.minor()).isEqualTo(1250);
    assertThat(price.amount()).isEqualTo("12.50");
    assertThat(price.currencyCode()).isEqualTo("EUR");
  }

  @Test
  @DisplayName("a currency without decimals keeps whole amounts: 500 yen is 500 minor units")
  void aCurrencyWithoutDecimals() {
    Money yen = Money.of("500", "JPY");

    assertThat(yen.minor()).isEqualTo(500);
    assertThat(yen.amount()).isEqualTo("500");
  }

  @Test
  @DisplayName("line totals and order totals add up exactly: 3 × 0.10 + 0.20 is 0.50")
  void arithmeticIsExact() {
    Money total = Money.of("0.10", "EUR").times(3).plus(Money.of("0.20", "EUR"));

    assertThat(total).isEqualTo(new Money(50, Currency.getInstance("EUR")));
    assertThat(total.amount()).isEqualTo("0.50");
  }

  @Test
  @DisplayName("an order's total starts at zero in its currency")
  void zeroInACurrency() {
    assertThat(Money.zero(Currency.getInstance("EUR")).plus(Money.of("1.00", "EUR")).amount()).isEqualTo("1.00");
  }

  @Test
  @DisplayName("euros and dollars cannot be added")
  void currenciesDoNotMix() {
    Money euros = Money.of("1.00", "EUR");
    Money dollars = Money.of("1.00", "USD");

    assertThatThrownBy(() -> euros.plus(dollars)).isInstanceOf(IllegalArgumentException.class).hasMessage("cannot add USD to EUR");
  }

  @Test
  @DisplayName("an amount finer than the currency's minor unit is refused, not rounded")
  void noFractionOfACent() {
    assertThatThrownBy(() -> Money.of("1.234", "EUR")).isInstanceOf(ArithmeticException.class);
  }

  @Test
  @DisplayName("a total beyond what minor units can hold is refused, not wrapped around")
  void noOverflow() {
    Money huge = new Money(Long.MAX_VALUE / 2 + 1, Currency.getInstance("EUR"));

    assertThatThrownBy(() -> huge.times(2)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> huge.plus(huge)).isInstanceOf(ArithmeticException.class);
  }
}

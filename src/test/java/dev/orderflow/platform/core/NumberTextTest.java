package dev.orderflow.platform.core;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Numbers as text: refused by their length before any parsing")
class NumberTextTest {

  private static final Currency EUR = Currency.getInstance("EUR");
  private static final String TEN_THOUSAND_DIGITS = "1" + "0".repeat(9_998) + "1";
  private static final int ITERATIONS = 1_000;

  @Test
  @DisplayName("a 10,000-digit amount is a 400 refusal in well under a millisecond per call")
  void longAmountRefusedFast() {
    assertThatThrownBy(() -> Amounts.positive("amount", TEN_THOUSAND_DIGITS, EUR)).isInstanceOf(Refusal.class);
    assertThatThrownBy(() -> Amounts.positive("amount", "0." + TEN_THOUSAND_DIGITS, EUR)).isInstanceOf(Refusal.class);

    assertThat(nanosPerCall(() -> refused(() -> Amounts.positive("amount", "0." + TEN_THOUSAND_DIGITS, EUR))))
      .isLessThan(1_000_000L);
  }

  @Test
  @DisplayName("10,000-digit decimals and whole numbers parse to nothing, in well under a millisecond per call")
  void longNumbersParseToNothing() {
    assertThat(NumberText.decimal(TEN_THOUSAND_DIGITS)).isEmpty();
    assertThat(NumberText.wholeNumber("0".repeat(9_999) + "7")).isEmpty();

    assertThat(nanosPerCall(() -> NumberText.decimal(TEN_THOUSAND_DIGITS))).isLessThan(1_000_000L);
    assertThat(nanosPerCall(() -> NumberText.wholeNumber("0".repeat(9_999) + "7"))).isLessThan(1_000_000L);
  }

  @Test
  @DisplayName("amounts and numbers within the caps parse as before")
  void shortNumbersParse() {
    assertThat(Amounts.positive("amount", "12.5", EUR)).hasToString("12.50");
    assertThat(Amounts.positive("amount", "999999999999.99", EUR)).hasToString("999999999999.99");
    assertThat(NumberText.decimal("-1E+3")).hasValueSatisfying(value -> assertThat(value.intValueExact()).isEqualTo(-1000));
    assertThat(NumberText.wholeNumber(String.valueOf(Long.MIN_VALUE))).hasValue(Long.MIN_VALUE);
    assertThat(NumberText.wholeNumber("12a")).isEmpty();
  }

  @Test
  @DisplayName("a decimal of exactly 32 characters parses, one of 33 does not; a comma, a blank or nothing is no number")
  void decimalLengthCapAndMalformedText() {
    String atCap = "1." + "0".repeat(NumberText.MAX_DECIMAL_LENGTH - 2);

    assertThat(NumberText.decimal(atCap)).hasValueSatisfying(value -> assertThat(value).isEqualByComparingTo("1"));
    assertThat(NumberText.decimal(atCap + "0")).isEmpty();
    assertThat(NumberText.decimal("12,50")).isEmpty();
    assertThat(NumberText.decimal(" ")).isEmpty();
    assertThat(NumberText.decimal(null)).isEmpty();
  }

  @Test
  @DisplayName("a whole number one past Long.MAX_VALUE, a fraction or nothing is no whole number")
  void wholeNumberOutOfRange() {
    assertThat(NumberText.wholeNumber("9223372036854775808")).isEmpty();
    assertThat(NumberText.wholeNumber("-9223372036854775809")).isEmpty();
    assertThat(NumberText.wholeNumber("1.0")).isEmpty();
    assertThat(NumberText.wholeNumber(null)).isEmpty();
  }

  private static long nanosPerCall(Runnable call) {
    for (int i = 0; i < ITERATIONS; i++) {
      call.run();
    }
    long started = System.nanoTime();
    for (int i = 0; i < ITERATIONS; i++) {
      call.run();
    }
    return (System.nanoTime() - started) / ITERATIONS;
  }

  private static void refused(Runnable call) {
    try {
      call.run();
    } catch (Refusal expected) {
      return;
    }
    throw new AssertionError("not refused");
  }
}

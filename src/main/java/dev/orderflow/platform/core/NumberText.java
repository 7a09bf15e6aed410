package dev.orderflow.platform.core;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Numbers that arrive as text, parsed only when their text is short enough: parsing and scaling a
 * decimal costs more than linear time in its length, and a client chooses that length. Every caller
 * refuses an empty answer the way it refuses a malformed number.
 */
public final class NumberText {

  /** Longer than any amount Orderflow accepts (12 integer digits, a fraction, a sign, an exponent). */
  public static final int MAX_DECIMAL_LENGTH = 32;
  /** The digits of {@link Long#MAX_VALUE} and a sign. */
  public static final int MAX_WHOLE_NUMBER_LENGTH = 20;

  private NumberText() {
  }

  public static Optional<BigDecimal> decimal(String text) {
    if (text == null || text.length() > MAX_DECIMAL_LENGTH) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public static OptionalLong wholeNumber(String text) {
    if (text == null || text.length() > MAX_WHOLE_NUMBER_LENGTH) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}

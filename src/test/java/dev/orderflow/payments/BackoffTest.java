package dev.orderflow.payments;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Backoff: exponential with full jitter")
class BackoffTest {

  @Test
  @DisplayName("backoff delays stay within 1..min(max, initial * 2^(n-1)) and never overflow")
  void backoffCeilings() {
    Backoff backoff = new Backoff(100, 1000);

    assertThat(backoff.ceilingAfter(1)).isEqualTo(100);
    assertThat(backoff.ceilingAfter(2)).isEqualTo(200);
    assertThat(backoff.ceilingAfter(4)).isEqualTo(800);
    assertThat(backoff.ceilingAfter(5)).isEqualTo(1000);
    assertThat(backoff.ceilingAfter(100)).isEqualTo(1000);
    for (int attempt = 1; attempt < 70; attempt++) {
      assertThat(backoff.delayAfter(attempt)).isBetween(1L, backoff.ceilingAfter(attempt));
    }
  }
}

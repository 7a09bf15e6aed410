package dev.orderflow.platform.core;

import dev.orderflow.platform.core.Backoff.Jitter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Backoff: exponential, with no, full or equal jitter")
class BackoffTest {

  @Test
  @DisplayName("the ceiling doubles from the initial delay up to the cap and never overflows")
  void ceilingsDoubleUpToTheCap() {
    Backoff backoff = new Backoff(100, 1000, Jitter.FULL);

    assertThat(backoff.ceilingAfter(1)).isEqualTo(100);
    assertThat(backoff.ceilingAfter(2)).isEqualTo(200);
    assertThat(backoff.ceilingAfter(4)).isEqualTo(800);
    assertThat(backoff.ceilingAfter(5)).isEqualTo(1000);
    assertThat(backoff.ceilingAfter(100)).isEqualTo(1000);
    assertThat(new Backoff(5000, 1000, Jitter.FULL).ceilingAfter(1)).isEqualTo(1000);
  }

  @Test
  @DisplayName("without jitter the delay is the ceiling: 100, 200, 400, 800, then 1000 for good")
  void noJitterDoubles() {
    Backoff backoff = new Backoff(100, 1000, Jitter.NONE);

    assertThat(backoff.delayAfter(1)).isEqualTo(100);
    assertThat(backoff.delayAfter(2)).isEqualTo(200);
    assertThat(backoff.delayAfter(3)).isEqualTo(400);
    assertThat(backoff.delayAfter(4)).isEqualTo(800);
    assertThat(backoff.delayAfter(5)).isEqualTo(1000);
    assertThat(backoff.delayAfter(1000)).isEqualTo(1000);
  }

  @Test
  @DisplayName("full jitter draws delays within 1..min(max, initial * 2^(n-1))")
  void fullJitterStaysUnderTheCeiling() {
    Backoff backoff = new Backoff(100, 1000, Jitter.FULL);

    for (int attempt = 1; attempt < 70; attempt++) {
      assertThat(backoff.delayAfter(attempt)).isBetween(1L, backoff.ceilingAfter(attempt));
    }
  }

  @Test
  @DisplayName("equal jitter waits more than half the ceiling and at most the ceiling")
  void equalJitterKeepsHalfTheCeiling() {
    Backoff backoff = new Backoff(100, 1000, Jitter.EQUAL);

    for (int attempt = 1; attempt < 70; attempt++) {
      long ceiling = backoff.ceilingAfter(attempt);
      for (int draw = 0; draw < 50; draw++) {
        assertThat(backoff.delayAfter(attempt)).isGreaterThan(ceiling / 2).isLessThanOrEqualTo(ceiling);
      }
    }
  }

  @Test
  @DisplayName("a zero initial delay still waits 1 ms, as Vert.x timers require")
  void atLeastOneMillisecond() {
    for (Jitter jitter : Jitter.values()) {
      assertThat(new Backoff(0, 0, jitter).delayAfter(1)).isEqualTo(1);
    }
  }
}

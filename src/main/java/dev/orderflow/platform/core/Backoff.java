package dev.orderflow.platform.core;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff: before the try that follows failed attempt n the ceiling is
 * min(max, initial * 2^(n-1)), and the {@link Jitter} decides how much of it is waited. Every delay
 * is at least 1 ms, as Vert.x timers require.
 */
public record Backoff(long initialMs, long maxMs, Jitter jitter) {

  /** How a delay is drawn under its ceiling. */
  public enum Jitter {
    /** The ceiling itself: plain doubling, for a single caller that has nobody to spread out from. */
    NONE,
    /** Uniformly from 0 to the ceiling, so that callers that failed together do not retry together. */
    FULL,
    /** Half of the ceiling fixed and half random, so that a series of tries surely spans a given time. */
    EQUAL
  }

  public Backoff {
    Objects.requireNonNull(jitter, "jitter");
    if (initialMs < 0 || maxMs < 0) {
      throw new IllegalArgumentException("a backoff needs initialMs >= 0 and maxMs >= 0");
    }
  }

  /** The delay before the attempt that follows attempt {@code failedAttempt} (1 = the first). */
  public long delayAfter(int failedAttempt) {
    long ceiling = ceilingAfter(failedAttempt);
    return switch (jitter) {
      case NONE -> ceiling;
      case FULL -> Math.max(1, ThreadLocalRandom.current().nextLong(ceiling + 1));
      case EQUAL -> ceiling / 2 + 1 + ThreadLocalRandom.current().nextLong(ceiling - ceiling / 2);
    };
  }

  /** The longest delay after attempt {@code failedAttempt}: min(max, initial * 2^(n-1)), at least 1 ms. */
  public long ceilingAfter(int failedAttempt) {
    int doublings = Math.max(0, failedAttempt - 1);
    // compares before shifting, so that many attempts never overflow into a negative delay
    long ceiling = doublings >= 62 || initialMs > (maxMs >> doublings) ? maxMs : initialMs << doublings;
    return Math.max(1, ceiling);
  }
}

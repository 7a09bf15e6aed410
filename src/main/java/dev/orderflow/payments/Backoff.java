package dev.orderflow.payments;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry n the delay is drawn uniformly from
 * 0..min(max, initial * 2^(n-1)) (raised to 1 ms), so that callers that failed together do not
 * retry together.
 */
record Backoff(long initialMs, long maxMs) {

  /** The delay before the attempt that follows attempt {@code failedAttempt} (1 = the first); at least 1 ms, as Vert.x timers require. */
  long delayAfter(int failedAttempt) {
    return Math.max(1, ThreadLocalRandom.current().nextLong(ceilingAfter(failedAttempt) + 1));
  }

  long ceilingAfter(int failedAttempt) {
    int doublings = Math.max(0, failedAttempt - 1);
    // compares before shifting, so that many attempts never overflow into a negative delay
    return doublings >= 62 || initialMs > (maxMs >> doublings) ? maxMs : initialMs << doublings;
  }
}

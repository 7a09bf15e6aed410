package dev.orderflow.gateway;

/** A token bucket: {@code burst} tokens at most, refilled at {@code rate} per second. Not thread-safe. */
final class TokenBucket {

  private final double rate;
  private final double burst;
  private double tokens;
  private long refilledAt;

  TokenBucket(double rate, double burst, long nowNanos) {
    this.rate = rate;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  long limit() {
    return (long) burst;
  }

  long remaining() {
    return (long) Math.floor(tokens);
  }

  /** Seconds until one token is available again (at least 1). */
  long secondsUntilNextToken() {
    return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
  }

  /** Seconds until the bucket is full again. */
  long secondsUntilFull() {
    return (long) Math.ceil((burst - tokens) / rate);
  }

  boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  private void refill(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - refilledAt) / 1e9 * rate);
    refilledAt = nowNanos;
  }
}

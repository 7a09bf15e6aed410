package dev.orderflow.gateway;

/** A token bucket: {@code burst} tokens at most, refilled at {@code rate} per second; one bucket may serve several event loops. */
final class TokenBucket implements ClientBucket {

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

  @Override
  public synchronized boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  @Override
  public synchronized long limit() {
    return (long) burst;
  }

  @Override
  public synchronized long remaining() {
    return (long) Math.floor(tokens);
  }

  @Override
  public synchronized long secondsUntilNextToken() {
    return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
  }

  @Override
  public synchronized long secondsUntilFull() {
    return (long) Math.ceil((burst - tokens) / rate);
  }

  /** A full bucket is the same as a new one. */
  @Override
  public synchronized boolean settle(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  private void refill(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - refilledAt) / 1e9 * rate);
    refilledAt = nowNanos;
  }
}

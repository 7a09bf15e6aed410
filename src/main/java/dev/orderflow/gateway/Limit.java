package dev.orderflow.gateway;

import dev.orderflow.platform.core.StartupException;
import io.vertx.core.json.JsonObject;

/** One rate limit: {@code rate} tokens per second into a bucket of {@code burst} tokens. */
record Limit(double rate, double burst) {

  static Limit from(JsonObject json, String name) {
    if (json == null || !(json.getValue("rate") instanceof Number rate) || !(json.getValue("burst") instanceof Number burst)
      || rate.doubleValue() <= 0 || burst.doubleValue() < 1) {
      throw StartupException.of(RateLimits.SETTING, name + " needs a positive rate (per second) and a burst of at least 1");
    }
    return new Limit(rate.doubleValue(), burst.doubleValue());
  }

  TokenBucket bucket(long nowNanos) {
    return new TokenBucket(rate, burst, nowNanos);
  }

  /** Seconds an empty bucket takes to fill up. */
  double refillSeconds() {
    return burst / rate;
  }

  /** Whole seconds until a bucket holding {@code tokens} holds {@code wanted} (0 when it already does). */
  long secondsUntil(double wanted, double tokens) {
    return Math.max(0, (long) Math.ceil((wanted - tokens) / rate));
  }
}

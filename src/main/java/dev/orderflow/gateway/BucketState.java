package dev.orderflow.gateway;

/**
 * A cluster-held bucket: its tokens at a wall-clock time, written to the cluster map as text
 * ({@code tokens@millis}, compared whole by compare-and-set). No entry means a full bucket: one
 * untouched long enough to expire from the map has refilled.
 */
record BucketState(double tokens, long atMillis) {

  static BucketState parse(String text, Limit limit, long nowMillis) {
    if (text == null) {
      return new BucketState(limit.burst(), nowMillis);
    }
    int at = text.indexOf('@');
    return new BucketState(Double.parseDouble(text.substring(0, at)), Long.parseLong(text.substring(at + 1)));
  }

  String encode() {
    return tokens + "@" + atMillis;
  }

  /**
   * The bucket refilled up to {@code nowMillis}. Members' clocks may differ: a time behind the stored
   * one refills nothing and keeps the stored time, so the bucket's time never goes back.
   */
  BucketState refilled(Limit limit, long nowMillis) {
    long at = Math.max(atMillis, nowMillis);
    return new BucketState(Math.min(limit.burst(), tokens + (at - atMillis) / 1000.0 * limit.rate()), at);
  }

  /** Whole tokens a lease of {@code wanted} gets: what is there, at most what was asked. */
  long grantable(long wanted) {
    return Math.max(0, Math.min(wanted, (long) Math.floor(tokens)));
  }

  BucketState minus(long taken) {
    return new BucketState(tokens - taken, atMillis);
  }

  /** Tokens given back, never above the burst. */
  BucketState plus(long returned, Limit limit) {
    return new BucketState(Math.min(limit.burst(), tokens + returned), atMillis);
  }
}

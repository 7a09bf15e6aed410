package dev.orderflow.gateway;

/** Where the rate limiter's client buckets come from: held by this instance alone, or leased from the cluster. */
interface ClientBuckets {

  ClientBucket create(String key, Limit limit, long nowNanos);

  /** How often the limiter settles and sweeps idle buckets. */
  long sweepPeriodMs();

  /** Each instance limits alone: a plain token bucket per client, swept every minute. */
  ClientBuckets LOCAL = new ClientBuckets() {
    @Override
    public ClientBucket create(String key, Limit limit, long nowNanos) {
      return limit.bucket(nowNanos);
    }

    @Override
    public long sweepPeriodMs() {
      return 60_000;
    }
  };
}

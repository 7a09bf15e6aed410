package dev.orderflow.gateway;

/** A client's bucket as the rate limiter sees it: held here ({@link TokenBucket}) or leased from the cluster ({@link LeasedBucket}). */
interface ClientBucket {

  /** Takes one token if there is one; never waits. */
  boolean tryTake(long nowNanos);

  long limit();

  long remaining();

  /** Seconds until one token is available again (at least 1). */
  long secondsUntilNextToken();

  /** Seconds until the bucket is full again. */
  long secondsUntilFull();

  /** Settles what the bucket holds after a quiet spell; true when it can be forgotten (a new bucket would act the same). */
  boolean settle(long nowNanos);

  /** The bucket is dropped to make room for another client. */
  default void release() {
  }
}

package dev.orderflow.gateway;

import io.vertx.core.AsyncResult;

import java.util.concurrent.TimeUnit;

/**
 * A client's bucket held by the cluster, served here from a chunk of tokens leased from it: a request
 * spends a local token and never waits for the cluster. When the chunk falls below half, a lease tops
 * it up in the background; tokens left unspent after a second of quiet go back. A client seen here for
 * the first time is served on credit (at most one chunk) until the cluster's first answer, which repays
 * it: that credit is how far this instance can run ahead of the cluster-wide limit. While the cluster
 * cannot be reached, the client gets this instance's fair share of its limit (limit / members). The
 * event loops serving the gateway share a bucket: its methods and the lease's answer hold its lock.
 */
final class LeasedBucket implements ClientBucket {

  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final String key;
  private final Limit limit;
  private final long chunk;
  private final LeasedBuckets cluster;
  /** Leased tokens not yet spent; below zero while the first chunk is spent on credit. */
  private long held;
  private boolean answered;
  private boolean leasing;
  private long noLeaseBefore;
  /** Tokens the cluster's bucket kept after the last lease: what the RateLimit headers estimate from. */
  private double clusterLeft;
  private TokenBucket fairShare;
  private long lastTakeAt;

  LeasedBucket(String key, Limit limit, long chunk, LeasedBuckets cluster, long nowNanos) {
    this.key = key;
    this.limit = limit;
    this.chunk = chunk;
    this.cluster = cluster;
    this.clusterLeft = limit.burst();
    this.lastTakeAt = nowNanos;
    this.noLeaseBefore = nowNanos;
  }

  @Override
  public synchronized boolean tryTake(long nowNanos) {
    lastTakeAt = nowNanos;
    if (fairShare != null) {
      lease(nowNanos, chunk - held);
      return fairShare.tryTake(nowNanos);
    }
    if (held < (answered ? 1 : 1 - chunk)) {
      lease(nowNanos, chunk - held);
      return false;
    }
    held--;
    if (held < (chunk + 1) / 2) {
      lease(nowNanos, chunk - held);
    }
    return true;
  }

  /** Returns unspent tokens after a quiet spell, or repays credit still owed; forgettable once even and refilled. */
  @Override
  public synchronized boolean settle(long nowNanos) {
    long quiet = nowNanos - lastTakeAt;
    if (leasing || quiet < QUIET_NANOS) {
      return false;
    }
    if (fairShare != null) {
      return fairShare.settle(nowNanos);
    }
    if (held < 0) {
      lease(nowNanos, -held);
      return false;
    }
    release();
    // the cluster's entry tells a returning client's story; this one's credit is spent only once per refill
    return quiet >= limit.refillSeconds() * 1e9;
  }

  @Override
  public synchronized void release() {
    if (held > 0) {
      cluster.giveBack(key, limit, held);
      held = 0;
    }
  }

  @Override
  public synchronized long limit() {
    return fairShare != null ? fairShare.limit() : (long) limit.burst();
  }

  @Override
  public synchronized long remaining() {
    return fairShare != null ? fairShare.remaining() : Math.max(0, (long) Math.floor(clusterLeft) + held);
  }

  @Override
  public synchronized long secondsUntilNextToken() {
    return fairShare != null ? fairShare.secondsUntilNextToken() : Math.max(1, limit.secondsUntil(1, clusterLeft));
  }

  @Override
  public synchronized long secondsUntilFull() {
    return fairShare != null ? fairShare.secondsUntilFull() : limit.secondsUntil(limit.burst(), clusterLeft + Math.max(0, held));
  }

  synchronized long held() {
    return held;
  }

  private void lease(long nowNanos, long wanted) {
    if (leasing || nowNanos < noLeaseBefore || wanted < 1) {
      return;
    }
    leasing = true;
    cluster.take(key, limit, wanted).onComplete(leased -> settleLease(leased, wanted));
  }

  private synchronized void settleLease(AsyncResult<ClusterBudget.Grant> leased, long wanted) {
    leasing = false;
    long now = System.nanoTime();
    if (leased.failed()) {
      if (fairShare == null) {
        fairShare = cluster.fairShare(limit, now);
      }
      noLeaseBefore = now + RETRY_NANOS;
      return;
    }
    ClusterBudget.Grant grant = leased.result();
    held += grant.tokens();
    answered = true;
    clusterLeft = grant.left();
    fairShare = null;
    if (grant.tokens() < wanted) {
      // the cluster's bucket ran dry: ask again once it holds a token, or in a second if others give some back
      noLeaseBefore = now + Math.min(RETRY_NANOS, (long) (Math.max(0, 1 - grant.left()) / limit.rate() * 1e9));
    }
  }
}

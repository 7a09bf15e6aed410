package dev.orderflow.gateway;

import io.vertx.core.Future;
import io.vertx.core.shareddata.AsyncMap;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The cluster-held buckets: one entry per client and limit in a cluster-wide map, changed by
 * compare-and-set (read, compute, replace if still the same), so instances leasing at once never
 * hand out the same token. Each call is one read and at most one write per attempt; the rate
 * limiter calls it off the request path only.
 */
final class ClusterBudget {

  private static final int ATTEMPTS = 8;

  private final AsyncMap<String, String> map;

  ClusterBudget(AsyncMap<String, String> map) {
    this.map = map;
  }

  /** What a lease got, and the tokens the cluster's bucket kept. */
  record Grant(long tokens, double left) {
  }

  /** Takes up to {@code wanted} tokens (fewer, maybe none, when the bucket holds fewer). */
  Future<Grant> take(String key, Limit limit, long wanted) {
    return change(key, limit, before -> before.minus(before.grantable(wanted)), ATTEMPTS)
      .map(change -> new Grant(change.before().grantable(wanted), change.after().tokens()));
  }

  /** Gives back tokens leased and not spent (the bucket never goes above its burst). */
  Future<Void> giveBack(String key, Limit limit, long tokens) {
    return change(key, limit, before -> before.plus(tokens, limit), ATTEMPTS).mapEmpty();
  }

  private record Change(BucketState before, BucketState after) {
  }

  private Future<Change> change(String key, Limit limit, UnaryOperator<BucketState> how, int attempts) {
    return map.get(key).compose(stored -> {
      long now = System.currentTimeMillis();
      BucketState before = BucketState.parse(stored, limit, now).refilled(limit, now);
      BucketState after = how.apply(before);
      if (after.tokens() == before.tokens()) {
        return Future.succeededFuture(new Change(before, after)); // nothing taken or given: refilling alone needs no write
      }
      Future<Boolean> written = stored == null
        ? map.putIfAbsent(key, after.encode()).map(Objects::isNull)
        : map.replaceIfPresent(key, stored, after.encode());
      return written.compose(won -> {
        if (won) {
          return Future.succeededFuture(new Change(before, after));
        }
        return attempts > 1 ? change(key, limit, how, attempts - 1)
          : Future.failedFuture(new IllegalStateException("the cluster bucket of " + key + " changed under " + ATTEMPTS + " attempts"));
      });
    });
  }
}

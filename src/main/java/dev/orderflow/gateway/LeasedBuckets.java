package dev.orderflow.gateway;

import dev.orderflow.platform.cluster.ClusterMaps;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * Client buckets held by the cluster (see {@link LeasedBucket}): the lease size per limit, the lease
 * calls with their timeout, the fair-share fallback while the cluster cannot be reached, and one log
 * line when that starts and one when it ends.
 */
final class LeasedBuckets implements ClientBuckets {

  static final String MAP = "orderflow.ratelimit";
  private static final Logger LOG = LoggerFactory.getLogger(LeasedBuckets.class);
  private static final long LEASE_TIMEOUT_MS = 1_000;
  /** Hazelcast expires at whole seconds, so an entry may go a second early: two seconds past a full refill is safe. */
  private static final int EXPIRY_MARGIN_SECONDS = 2;

  private final ClusterBudget budget;
  private final int chunkSetting;
  private final IntSupplier members;
  /** Lease answers arrive on the event loops that asked: the first to see the cluster gone (or back) logs it. */
  private final AtomicBoolean unreachable = new AtomicBoolean();

  LeasedBuckets(ClusterBudget budget, int chunkSetting, IntSupplier members) {
    this.budget = budget;
    this.chunkSetting = chunkSetting;
    this.members = members;
  }

  /**
   * Local buckets on a single node or with limiting off; else buckets leased from the cluster map, whose
   * entries expire once untouched for longer than the slowest client bucket takes to refill.
   */
  static Future<ClientBuckets> forGateway(ClusterMaps maps, GatewayOptions options) {
    if (options.rateLimits() == null || !maps.clustered()) {
      return Future.succeededFuture(LOCAL);
    }
    int idleSeconds = (int) Math.ceil(RateLimits.from(options.rateLimits()).longestClientRefillSeconds()) + EXPIRY_MARGIN_SECONDS;
    return maps.<String, String>expiring(MAP, idleSeconds, options.rateLimitMaxClients())
      .map(map -> new LeasedBuckets(new ClusterBudget(map), options.rateLimitLeaseChunk(), maps::members));
  }

  @Override
  public ClientBucket create(String key, Limit limit, long nowNanos) {
    return new LeasedBucket(key, limit, chunkFor(limit), this, nowNanos);
  }

  @Override
  public long sweepPeriodMs() {
    return 1_000;
  }

  /** The setting, but at most a quarter of the burst (at least 1), so small limits are not all held by one instance. */
  long chunkFor(Limit limit) {
    return Math.max(1, Math.min(chunkSetting, (long) Math.floor(limit.burst() / 4)));
  }

  /** A lease that answers after its timeout has spent its tokens in the cluster all the same: that errs towards refusing, never admitting. */
  Future<ClusterBudget.Grant> take(String key, Limit limit, long wanted) {
    return budget.take(key, limit, wanted).timeout(LEASE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
      .onSuccess(granted -> reached())
      .onFailure(this::unreachable);
  }

  /** Gives back unspent tokens; when that fails they are lost to the client until its bucket refills (under-admission only). */
  void giveBack(String key, Limit limit, long tokens) {
    budget.giveBack(key, limit, tokens).timeout(LEASE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
      .onFailure(e -> LOG.debug("could not give back {} rate-limit tokens of {}: {}", tokens, key, e.getMessage()));
  }

  /** This instance's share of a limit while the cluster cannot be reached: the limit divided among the members. */
  TokenBucket fairShare(Limit limit, long nowNanos) {
    int sharing = Math.max(1, members.getAsInt());
    return new TokenBucket(limit.rate() / sharing, Math.max(1, limit.burst() / sharing), nowNanos);
  }

  private void unreachable(Throwable cause) {
    if (unreachable.compareAndSet(false, true)) {
      LOG.warn("rate limits: cannot lease from the cluster ({}); each client gets this instance's fair share of its limit", cause.getMessage());
    }
  }

  private void reached() {
    if (unreachable.compareAndSet(true, false)) {
      LOG.info("rate limits: leasing from the cluster again");
    }
  }
}

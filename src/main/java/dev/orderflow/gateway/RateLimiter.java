package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets in front of the API: one global, one per client (its API key when it presents a
 * valid one, else its IP address), and stricter per-client buckets on configured path prefixes.
 * Over a limit: 429 with Retry-After; every limited answer carries RateLimit-Limit, -Remaining and
 * -Reset for the client's bucket. Health, metrics and docs are never limited. The global bucket is
 * this instance's; client buckets are this instance's on a single node and leased from the cluster
 * when clustered ({@link ClientBuckets}). The global bucket is asked first, so a flood of new clients
 * cannot create more buckets than the global rate admits, and at most {@code maxClients} buckets are
 * kept (the least recently seen is dropped). One limiter serves every event loop of the gateway: its
 * map and the order of its checks are guarded by its lock, each bucket by its own.
 */
final class RateLimiter {

  private final RateLimits limits;
  private final ClientBuckets sources;
  private final Counter rejections;
  private final TokenBucket globalBucket;
  private final Map<String, ClientBucket> buckets;

  RateLimiter(RateLimits limits, int maxClients, MeterRegistry registry, ClientBuckets sources) {
    this.limits = limits;
    this.sources = sources;
    this.globalBucket = limits.global().bucket(System.nanoTime());
    this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ClientBucket> eldest) {
        if (size() <= maxClients) {
          return false;
        }
        eldest.getValue().release();
        return true;
      }
    };
    this.rejections = Counter.builder("orderflow.ratelimit.rejections").description("Requests refused with 429 by the gateway")
      .register(registry);
    Gauge.builder("orderflow.ratelimit.clients", buckets, Map::size).description("Client buckets the gateway's rate limiter holds")
      .register(registry);
  }

  long sweepPeriodMs() {
    return sources.sweepPeriodMs();
  }

  /** Settles the buckets of clients that went quiet and forgets those a new bucket would replace. */
  synchronized void sweepIdle() {
    long now = System.nanoTime();
    buckets.values().removeIf(bucket -> bucket.settle(now));
  }

  void limit(RoutingContext ctx, String clientIdentity) {
    String path = ctx.normalizedPath();
    if (!path.startsWith("/api/") && !path.startsWith("/admin/")) {
      ctx.next();
      return;
    }
    RateLimits.RouteLimit route = limits.routes().stream().filter(candidate -> path.startsWith(candidate.prefix())).findFirst().orElse(null);
    String key = (route == null ? "client" : "route:" + route.prefix()) + "|" + clientIdentity;
    Verdict verdict = take(key, route, System.nanoTime());
    if (!verdict.admitted()) {
      refuse(ctx, verdict.bucket());
      return;
    }
    describe(ctx, verdict.bucket());
    ctx.next();
  }

  /** The bucket that decided, and whether it let the request through. */
  private record Verdict(ClientBucket bucket, boolean admitted) {
  }

  private synchronized Verdict take(String key, RateLimits.RouteLimit route, long now) {
    ClientBucket known = buckets.get(key);
    // a client over its own limit is refused before it can spend the global bucket that everyone shares
    if (known != null && !known.tryTake(now)) {
      return new Verdict(known, false);
    }
    if (!globalBucket.tryTake(now)) {
      return new Verdict(globalBucket, false);
    }
    ClientBucket client = known;
    if (client == null) {
      client = sources.create(key, route == null ? limits.perClient() : route.limit(), now);
      client.tryTake(now); // a new bucket is full, and a burst is at least one token
      buckets.put(key, client);
    }
    return new Verdict(client, true);
  }

  private void refuse(RoutingContext ctx, ClientBucket bucket) {
    rejections.increment();
    describe(ctx, bucket);
    long retryAfter = bucket.secondsUntilNextToken();
    Problems.send(ctx, HttpProblem.of(429, "rate-limited", "Too many requests",
      "over the limit of " + bucket.limit() + " requests in a burst; retry after " + retryAfter + " s").retryAfter(retryAfter));
  }

  private static void describe(RoutingContext ctx, ClientBucket bucket) {
    ctx.response()
      .putHeader("RateLimit-Limit", String.valueOf(bucket.limit()))
      .putHeader("RateLimit-Remaining", String.valueOf(bucket.remaining()))
      .putHeader("RateLimit-Reset", String.valueOf(bucket.secondsUntilFull()));
  }
}

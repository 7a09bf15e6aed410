package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpProblem;
import dev.orderflow.platform.core.StartupException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token buckets in front of the API: one global, one per client (its API key when it presents a
 * valid one, else its IP address), and stricter per-client buckets on configured path prefixes.
 * Over a limit: 429 with Retry-After; every limited answer carries RateLimit-Limit, -Remaining and
 * -Reset for the client's bucket. Health, metrics and docs are never limited. Limits hold per
 * gateway instance. The global bucket is asked first, so a flood of new clients cannot create more
 * buckets than the global rate admits, and at most {@code maxClients} buckets are kept (the least
 * recently seen is dropped). Used from the gateway verticle's event loop only.
 */
final class RateLimiter {

  static final String SETTING = "ORDERFLOW_RATE_LIMITS";
  private static final long IDLE_SWEEP_MS = 60_000;

  private final Limit perClient;
  private final List<RouteLimit> routes = new ArrayList<>();
  private final Counter rejections;
  private final TokenBucket globalBucket;
  private final Map<String, TokenBucket> buckets;

  RateLimiter(JsonObject config, int maxClients, MeterRegistry registry) {
    Limit global = Limit.from(config.getJsonObject("global"), "global");
    this.perClient = Limit.from(config.getJsonObject("perClient"), "perClient");
    JsonArray routeLimits = config.getJsonArray("routes", new JsonArray());
    for (int i = 0; i < routeLimits.size(); i++) {
      JsonObject route = routeLimits.getJsonObject(i);
      String prefix = route.getString("prefix");
      if (prefix == null || !prefix.startsWith("/")) {
        throw StartupException.of(SETTING, "routes[" + i + "] needs a prefix starting with /");
      }
      routes.add(new RouteLimit(prefix, Limit.from(route, "routes[" + i + "]")));
    }
    this.globalBucket = global.bucket(System.nanoTime());
    this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
        return size() > maxClients;
      }
    };
    this.rejections = Counter.builder("orderflow.ratelimit.rejections").description("Requests refused with 429 by the gateway")
      .register(registry);
    Gauge.builder("orderflow.ratelimit.clients", buckets, Map::size).description("Client buckets the gateway's rate limiter holds")
      .register(registry);
  }

  long sweepPeriodMs() {
    return IDLE_SWEEP_MS;
  }

  /** Forgets the buckets of clients that went quiet (a full bucket is the same as a new one). */
  void sweepIdle() {
    long now = System.nanoTime();
    buckets.values().removeIf(bucket -> bucket.isFull(now));
  }

  void limit(RoutingContext ctx, String clientIdentity) {
    String path = ctx.normalizedPath();
    if (!path.startsWith("/api/") && !path.startsWith("/admin/")) {
      ctx.next();
      return;
    }
    long now = System.nanoTime();
    RouteLimit route = routes.stream().filter(candidate -> path.startsWith(candidate.prefix())).findFirst().orElse(null);
    String key = (route == null ? "client" : "route:" + route.prefix()) + "|" + clientIdentity;
    TokenBucket known = buckets.get(key);
    // a client over its own limit is refused before it can spend the global bucket that everyone shares
    if (known != null && !known.tryTake(now)) {
      refuse(ctx, known);
      return;
    }
    if (!globalBucket.tryTake(now)) {
      refuse(ctx, globalBucket);
      return;
    }
    TokenBucket client = known;
    if (client == null) {
      client = (route == null ? perClient : route.limit()).bucket(now);
      client.tryTake(now); // a new bucket is full, and a burst is at least one token
      buckets.put(key, client);
    }
    describe(ctx, client);
    ctx.next();
  }

  private void refuse(RoutingContext ctx, TokenBucket bucket) {
    rejections.increment();
    describe(ctx, bucket);
    long retryAfter = bucket.secondsUntilNextToken();
    Problems.send(ctx, HttpProblem.of(429, "rate-limited", "Too many requests",
      "over the limit of " + bucket.limit() + " requests in a burst; retry after " + retryAfter + " s").retryAfter(retryAfter));
  }

  private static void describe(RoutingContext ctx, TokenBucket bucket) {
    ctx.response()
      .putHeader("RateLimit-Limit", String.valueOf(bucket.limit()))
      .putHeader("RateLimit-Remaining", String.valueOf(bucket.remaining()))
      .putHeader("RateLimit-Reset", String.valueOf(bucket.secondsUntilFull()));
  }

  private record Limit(double rate, double burst) {
    static Limit from(JsonObject json, String name) {
      if (json == null || !(json.getValue("rate") instanceof Number rate) || !(json.getValue("burst") instanceof Number burst)
        || rate.doubleValue() <= 0 || burst.doubleValue() < 1) {
        throw StartupException.of(SETTING, name + " needs a positive rate (per second) and a burst of at least 1");
      }
      return new Limit(rate.doubleValue(), burst.doubleValue());
    }

    TokenBucket bucket(long now) {
      return new TokenBucket(rate, burst, now);
    }
  }

  private record RouteLimit(String prefix, Limit limit) {
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.Platform;
import dev.orderflow.platform.http.HttpServerLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * What the event loops serving the gateway share. Each event loop has its own router and server
 * (Vert.x shares the port among them), but a rate limit, a connection count or a cache kept per
 * event loop would let one client do as much again on each of them, and the customers' tokens and
 * the discovery record are the gateway's, not an event loop's. Everything here is safe to use
 * from any event loop.
 */
final class SharedGateway {

  private final Platform platform;
  private final CustomerTokens tokens;
  private final CustomerAccess access;
  private final Optional<RateLimiter> rateLimiter;
  private final ItemCache itemCache;
  private final CheckoutBacklog backlog = new CheckoutBacklog();
  private final HttpServerLimits.SharedServer server;
  private volatile int listeningPort;
  private volatile String registration;
  private Future<Void> withdrawn;

  private SharedGateway(Platform platform, GatewayOptions options, CustomerTokens tokens, Optional<RateLimiter> rateLimiter) {
    this.platform = platform;
    this.tokens = tokens;
    this.access = new CustomerAccess(options.credentials(), tokens, platform.services(), options.customerCacheTtlMs());
    this.rateLimiter = rateLimiter;
    this.itemCache = new ItemCache(options.itemCacheTtlMs());
    this.server = options.limits().shared(GatewayHttpVerticle.SERVICE);
  }

  /**
   * Loads the signing key and the rate limiter's buckets, and listens to the notices that keep the
   * item cache and the checkout backlog current, on the calling verticle's context (once for all
   * event loops): its undeployment ends them.
   */
  static Future<SharedGateway> start(Vertx vertx, Platform platform, GatewayOptions options) {
    return CustomerTokens.start(vertx, options.tokens(), platform.dataDir()).compose(tokens ->
      LeasedBuckets.forGateway(platform.clusterMaps(), options).map(buckets -> {
        Optional<RateLimiter> limiter = Optional.ofNullable(options.rateLimits()).map(limits ->
          new RateLimiter(RateLimits.from(limits), options.rateLimitMaxClients(), platform.metrics().registry(), buckets));
        limiter.ifPresent(sweeping -> vertx.setPeriodic(sweeping.sweepPeriodMs(), tick -> sweeping.sweepIdle()));
        SharedGateway shared = new SharedGateway(platform, options, tokens, limiter);
        vertx.eventBus().<JsonObject>consumer(CatalogCalls.ITEM_CHANGED, notice -> shared.itemCache.invalidate(notice.body().getString("sku")));
        vertx.eventBus().<JsonObject>consumer(GatewayContract.CHECKOUT_BACKLOG, notice -> shared.backlog.onNotice(notice.body()));
        return shared;
      }));
  }

  CustomerTokens tokens() {
    return tokens;
  }

  CustomerAccess access() {
    return access;
  }

  Optional<RateLimiter> rateLimiter() {
    return rateLimiter;
  }

  ItemCache itemCache() {
    return itemCache;
  }

  CheckoutBacklog backlog() {
    return backlog;
  }

  HttpServerLimits.SharedServer server() {
    return server;
  }

  /** Each event loop's server reports the port it listens on: the same for all, as they share it. */
  void listeningOn(int port) {
    listeningPort = port;
  }

  /** Publishes the gateway's record once every event loop listens. */
  Future<Void> publish(String host) {
    return platform.discovery().publishHttpEndpoint(GatewayHttpVerticle.SERVICE, host, listeningPort, "/")
      .onSuccess(published -> registration = published)
      .mapEmpty();
  }

  /**
   * Unpublishes the record, once, however many event loops ask: each stops accepting connections
   * only after it is gone, so that no caller is sent to a server that no longer answers.
   */
  synchronized Future<Void> withdraw() {
    if (withdrawn == null) {
      withdrawn = registration == null ? Future.succeededFuture() : platform.discovery().unpublish(registration);
    }
    return withdrawn;
  }
}

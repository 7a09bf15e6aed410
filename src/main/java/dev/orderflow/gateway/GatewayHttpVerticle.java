package dev.orderflow.gateway;

import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.http.HttpProblem;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.core.StartupException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server: correlation ids, one access-log line per request, the routes, problem+json
 * for every error. On stop it unpublishes its record, stops accepting connections and lets
 * in-flight requests finish.
 */
final class GatewayHttpVerticle extends VerticleBase {

  static final String SERVICE = "gateway";
  private static final Set<HttpMethod> METHODS_WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  private static final Logger ACCESS = LoggerFactory.getLogger("orderflow.access");

  private final Platform platform;
  private final GatewayOptions options;
  private HttpServer server;
  private String registration;
  private CustomerTokens tokens;

  GatewayHttpVerticle(Platform platform, GatewayOptions options) {
    this.platform = platform;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    ApiContract contract = new ApiContract();
    return CustomerTokens.start(vertx, options.tokens(), platform.dataDir())
      .compose(created -> {
        tokens = created;
        return RequestValidation.load(vertx, contract.forRequestValidation());
      })
      .compose(validation -> options.limits()
        .guard(vertx, vertx.createHttpServer(options.limits().applyTo(new HttpServerOptions())),
          router(contract, validation), SERVICE)
        .listen(options.httpPort(), options.httpHost())
        .recover(failure -> Future.failedFuture(StartupException.of("ORDERFLOW_HTTP_PORT",
          "cannot listen on " + options.httpHost() + ":" + options.httpPort() + ": " + failure.getMessage()))))
      .compose(listening -> {
        server = listening;
        return platform.discovery().publishHttpEndpoint(SERVICE, options.httpHost(), listening.actualPort(), "/");
      })
      .onSuccess(published -> registration = published);
  }

  @Override
  public Future<?> stop() {
    Future<Void> unpublished = registration == null ? Future.succeededFuture() : platform.discovery().unpublish(registration);
    return unpublished.eventually(() -> server == null
      ? Future.succeededFuture()
      : server.shutdown(options.drainTimeoutMs(), TimeUnit.MILLISECONDS));
  }

  private Router router(ApiContract contract, RequestValidation validation) {
    Router router = Router.router(vertx);
    router.route().handler(this::correlate);
    router.route().handler(GatewayHttpVerticle::secure);
    router.route().handler(CanonicalPath::require);
    router.route().handler(GatewayHttpVerticle::rejectMalformedQuery);
    if (!options.corsOrigins().isEmpty()) {
      router.route().handler(CorsHandler.create().addOrigins(options.corsOrigins())
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Content-Type", "Authorization", "X-Correlation-Id", "Idempotency-Key", "If-Match"))
        .exposedHeaders(Set.of("X-Correlation-Id", "Location", "ETag", "Retry-After", "Link")));
    }
    if (options.rateLimits() != null) {
      RateLimiter limiter = new RateLimiter(options.rateLimits(), options.rateLimitMaxClients(), platform.metrics().registry());
      vertx.setPeriodic(limiter.sweepPeriodMs(), tick -> limiter.sweepIdle());
      router.route().handler(ctx -> limiter.limit(ctx, options.credentials().clientIdentity(ctx)));
    }
    router.route().handler(options.credentials()::authorize);
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(options.maxBodyBytes());
    // Only methods that carry a body: BodyHandler fails a GET that claims a multipart body.
    router.route().handler(ctx -> {
      if (METHODS_WITH_BODY.contains(ctx.request().method())) {
        bodies.handle(ctx);
      } else {
        ctx.next();
      }
    });
    router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(contract.document()));
    ApiDocs.mount(router);
    router.get("/metrics").handler(platform.metrics().scrapingHandler());
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(platform.readiness().checks()));
    mountOperations(router, validation);
    router.errorHandler(400, ctx -> Problems.send(ctx,
      HttpProblem.of(400, "malformed-request", "Malformed request", "the request line, path or query is not valid HTTP")));
    router.errorHandler(403, ctx -> Problems.send(ctx,
      HttpProblem.of(403, "forbidden", "Forbidden", "the request's origin is not allowed (CORS)")));
    router.errorHandler(404, ctx -> Problems.send(ctx,
      HttpProblem.of(404, "no-such-route", "Not found", "no resource at " + ctx.request().path())));
    router.errorHandler(405, ctx -> Problems.send(ctx,
      HttpProblem.of(405, "method-not-allowed", "Method not allowed", ctx.request().method() + " is not allowed on " + ctx.request().path())));
    router.errorHandler(413, ctx -> Problems.send(ctx,
      HttpProblem.of(413, "body-too-large", "Body too large", "the body exceeds " + options.maxBodyBytes() + " bytes")));
    router.errorHandler(500, ctx -> Problems.fail(ctx, ctx.failure() == null ? new IllegalStateException("status 500") : ctx.failure()));
    contract.verify(router);
    return router;
  }

  /**
   * The API's operations: each request is checked against the contract before its handler runs;
   * customer routes first need a customer's token (or the admin token) and act for that customer only.
   */
  private void mountOperations(Router router, RequestValidation validation) {
    ItemCache itemCache = new ItemCache(options.itemCacheTtlMs());
    vertx.eventBus().<JsonObject>consumer(CatalogCalls.ITEM_CHANGED, notice -> itemCache.invalidate(notice.body().getString("sku")));
    ItemsRoutes items = new ItemsRoutes(new CatalogCalls(platform.services()), itemCache);
    CustomerAccess access = new CustomerAccess(options.credentials(), tokens, platform.services());
    CustomersRoutes customers = new CustomersRoutes(platform.services(), tokens);
    AnalyticsRoutes analytics = new AnalyticsRoutes(platform.services());
    AdminMessagingRoutes messaging = new AdminMessagingRoutes(platform);
    AdminFaultsRoutes faults = new AdminFaultsRoutes(platform.services());
    CheckoutRoutes checkout = new CheckoutRoutes(platform.services(), options.checkoutSyncTimeoutMs());
    router.get("/api/v1/items").handler(validation).handler(items::list);
    router.get("/api/v1/items/:sku").handler(validation).handler(items::get);
    router.put("/admin/catalog/items/:sku").handler(this::requireJson).handler(validation).handler(items::put);
    router.post("/api/v1/customers").handler(this::requireJson).handler(validation).handler(customers::register);
    router.get("/api/v1/customers/:id").handler(access::authenticate).handler(validation).handler(customers::get);
    router.post("/api/v1/customers/:id/tokens").handler(access::authenticate).handler(validation).handler(customers::issueToken);
    router.get("/api/v1/customers/:id/notifications").handler(access::authenticate).handler(validation).handler(customers::notifications);
    router.get("/api/v1/analytics/registrations").handler(validation).handler(analytics::registrations);
    router.get("/api/v1/analytics/orders").handler(validation).handler(analytics::orders);
    router.get("/api/v1/inventory/:sku").handler(validation).handler(customers::stock);
    router.get("/admin/messaging").handler(validation).handler(messaging::counts);
    router.get("/admin/dead-letters/:group").handler(validation).handler(messaging::listDeadLetters);
    router.get("/admin/dead-letters/:group/:id").handler(validation).handler(messaging::inspectDeadLetter);
    router.post("/admin/dead-letters/:group/:id/redrive").handler(validation).handler(messaging::redriveDeadLetter);
    router.get("/admin/consumer-groups/:group").handler(validation).handler(messaging::consumerGroup);
    router.post("/admin/consumer-groups/:group/replay").handler(validation).handler(messaging::replay);
    router.get("/admin/faults").handler(validation).handler(faults::list);
    router.put("/admin/faults/payment-provider").handler(this::requireJson).handler(validation).handler(faults::setPaymentProvider);
    for (OrderRepresentation version : OrderRepresentation.values()) {
      OrdersRoutes orders = new OrdersRoutes(platform.services(), version);
      router.post(version.path()).handler(access::authenticate).handler(this::requireJson).handler(validation).handler(orders::place);
      router.get(version.path()).handler(access::authenticate).handler(validation).handler(orders::list);
      router.get(version.path() + "/:id").handler(access::authenticate).handler(validation).handler(orders::get);
      router.post(version.path() + "/:id/cancel").handler(access::authenticate).handler(validation).handler(orders::cancel);
    }
    router.post("/api/v1/checkout/sync").handler(access::authenticate).handler(this::requireJson).handler(validation).handler(checkout::sync);
    router.get("/api/v1/payments").handler(access::authenticate).handler(validation).handler(checkout::payments);
    router.get("/admin/sagas").handler(validation).handler(checkout::sagas);
    router.post("/admin/sagas/:orderId/retry").handler(validation).handler(checkout::retrySaga);
    router.post("/admin/orders/rebuild-view").handler(validation).handler(checkout::rebuildOrderView);
  }

  private void correlate(RoutingContext ctx) {
    String correlationId = Correlation.fromOrNew(ctx.request().getHeader(Correlation.HTTP_HEADER));
    ctx.put(Correlation.HTTP_HEADER, correlationId);
    ctx.response().putHeader(Correlation.HTTP_HEADER, correlationId);
    long started = System.nanoTime();
    ctx.addEndHandler(ended -> ACCESS.atInfo().addKeyValue(Correlation.LOG_FIELD, correlationId)
      .log("{} {} {} {} ms correlationId={}", ctx.request().method(), ctx.request().uri(), ctx.response().getStatusCode(),
        String.format("%.1f", (System.nanoTime() - started) / 1e6), correlationId));
    ctx.next();
  }

  /** Headers that keep browsers from sniffing, framing or caching API answers. */
  private static void secure(RoutingContext ctx) {
    ctx.response()
      .putHeader("X-Content-Type-Options", "nosniff")
      .putHeader("X-Frame-Options", "DENY")
      .putHeader("Referrer-Policy", "no-referrer")
      .putHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
      .putHeader("Cache-Control", "no-store");
    ctx.next();
  }

  /** A query string that does not decode (say {@code ?%zz}) is the client's error, not a 500 later on. */
  private static void rejectMalformedQuery(RoutingContext ctx) {
    try {
      ctx.queryParams();
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, HttpProblem.of(400, "malformed-query", "Malformed query string", "the query string is not valid URL encoding"));
      return;
    }
    ctx.next();
  }

  private void requireJson(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      Problems.send(ctx, HttpProblem.of(415, "unsupported-media-type", "Unsupported media type", "send the body as application/json"));
      return;
    }
    ctx.next();
  }
}

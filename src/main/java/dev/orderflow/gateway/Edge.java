package dev.orderflow.gateway;

import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.http.HttpProblem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

/**
 * The edge: the one place that decides whether a request reaches a route at all. Every check
 * that applies before a route (correlation and the access log, secure headers, the canonical
 * path, the query string, CORS, the rate limit, credentials, the body and its size, JSON bodies)
 * and every problem+json answer for a request the router itself refuses lives here, so that a
 * new check has one home and its position among the others is visible in {@link #mountOn}.
 */
final class Edge {

  private static final Set<HttpMethod> METHODS_WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  private static final Logger ACCESS = LoggerFactory.getLogger("orderflow.access");
  // every answer carries these: encoded once (Netty's AsciiString) rather than per request
  private static final CharSequence CORRELATION_HEADER = HttpHeaders.createOptimized(Correlation.HTTP_HEADER);
  private static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
  private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
  private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
  private static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
  private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
  private static final CharSequence CONTENT_SECURITY_POLICY = HttpHeaders.createOptimized("Content-Security-Policy");
  private static final CharSequence NOTHING_ALLOWED = HttpHeaders.createOptimized("default-src 'none'; frame-ancestors 'none'");
  private static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private final GatewayOptions options;
  private final Optional<RateLimiter> rateLimiter;

  Edge(GatewayOptions options, Optional<RateLimiter> rateLimiter) {
    this.options = options;
    this.rateLimiter = rateLimiter;
  }

  /**
   * Mounts the edge checks ahead of any route, in the order they must run (each later check may
   * rely on the earlier ones: the limiter and credentials on a canonical path, the body handler on
   * an authorized caller), and the router's error answers.
   */
  void mountOn(Router router) {
    router.route().handler(this::correlate);
    router.route().handler(Edge::secure);
    router.route().handler(CanonicalPath::require);
    router.route().handler(Edge::rejectMalformedQuery);
    if (!options.corsOrigins().isEmpty()) {
      router.route().handler(CorsHandler.create().addOrigins(options.corsOrigins())
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Content-Type", "Authorization", "X-Correlation-Id", "Idempotency-Key", "If-Match"))
        .exposedHeaders(Set.of("X-Correlation-Id", "Location", "ETag", "Retry-After", "Link")));
    }
    rateLimiter.ifPresent(limiter -> router.route().handler(ctx -> limiter.limit(ctx, options.credentials().clientIdentity(ctx))));
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
    answerErrors(router);
  }

  /** For routes that take a body: anything but {@code application/json} is refused before validation. */
  static void requireJson(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      Problems.send(ctx, HttpProblem.of(415, "unsupported-media-type", "Unsupported media type", "send the body as application/json"));
      return;
    }
    ctx.next();
  }

  private void answerErrors(Router router) {
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
  }

  private void correlate(RoutingContext ctx) {
    String correlationId = Correlation.fromOrNew(ctx.request().getHeader(Correlation.HTTP_HEADER));
    ctx.put(Correlation.HTTP_HEADER, correlationId);
    ctx.response().putHeader(CORRELATION_HEADER, correlationId);
    if (options.accessLog() != GatewayOptions.AccessLog.NONE) {
      long started = System.nanoTime();
      ctx.addEndHandler(ended -> logAccess(ctx, correlationId, started));
    }
    ctx.next();
  }

  /** The access line: of every request, or (the default) only of those answered with a client or server error. */
  private void logAccess(RoutingContext ctx, String correlationId, long started) {
    int status = ctx.response().getStatusCode();
    if (status < 400 && options.accessLog() != GatewayOptions.AccessLog.ALL) {
      return;
    }
    ACCESS.atInfo().addKeyValue(Correlation.LOG_FIELD, correlationId)
      .log("{} {} {} {} ms correlationId={}", ctx.request().method(), ctx.request().uri(), status,
        String.format("%.1f", (System.nanoTime() - started) / 1e6), correlationId);
  }

  /** Headers that keep browsers from sniffing, framing or caching API answers. */
  private static void secure(RoutingContext ctx) {
    ctx.response()
      .putHeader(CONTENT_TYPE_OPTIONS, NOSNIFF)
      .putHeader(FRAME_OPTIONS, DENY)
      .putHeader(REFERRER_POLICY, NO_REFERRER)
      .putHeader(CONTENT_SECURITY_POLICY, NOTHING_ALLOWED)
      .putHeader(CACHE_CONTROL, NO_STORE);
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
}

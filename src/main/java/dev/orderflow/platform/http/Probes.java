package dev.orderflow.platform.http;

import dev.orderflow.platform.core.Metrics;
import dev.orderflow.platform.core.Readiness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * The probes every Orderflow instance answers, on the gateway's port or, without a gateway, on the
 * probe server's: {@code /health/live}, {@code /health/ready} (the readiness checks) and
 * {@code /metrics} (Prometheus text).
 */
public final class Probes {

  // encoded once: liveness is asked often and its answer never changes
  private static final Buffer LIVE = new JsonObject().put("status", "UP").toBuffer();
  private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  private Probes() {
  }

  public static void mountOn(Router router, Readiness readiness, Metrics metrics) {
    router.get("/metrics").handler(metrics.scrapingHandler());
    router.get("/health/live").handler(ctx -> ctx.response().setStatusCode(200).putHeader(CONTENT_TYPE, APPLICATION_JSON).end(LIVE));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness.checks()));
  }
}

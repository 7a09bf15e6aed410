package dev.orderflow.gateway;

import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.http.HttpProblem;
import dev.orderflow.platform.bus.ServiceFailure;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** The gateway's one failure mapper: every failure of a route becomes a problem+json answer. */
final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  static void send(RoutingContext ctx, HttpProblem problem) {
    if (!ctx.response().ended()) {
      problem.send(ctx.response(), ctx.request().path(), ctx.get(Correlation.HTTP_HEADER));
    }
  }

  static void fail(RoutingContext ctx, Throwable failure) {
    fail(ctx, failure, Map.of());
  }

  /** Like {@link #fail(RoutingContext, Throwable)}, naming fields as the public representation does. */
  static void fail(RoutingContext ctx, Throwable failure, Map<String, String> publicFieldNames) {
    send(ctx, toProblem(ctx, failure, publicFieldNames));
  }

  private static HttpProblem toProblem(RoutingContext ctx, Throwable failure, Map<String, String> publicFieldNames) {
    if (failure instanceof ServiceFailure service) {
      return switch (service.kind()) {
        case NOT_FOUND -> HttpProblem.of(404, "not-found", "Not found", service.getMessage());
        case INVALID -> HttpProblem.invalid(service.getMessage(), publicFieldNames);
        case CONFLICT -> HttpProblem.of(409, "conflict", "Conflict", service.getMessage());
        case UNPROCESSABLE -> HttpProblem.of(422, "unprocessable", "Unprocessable request", service.getMessage());
        case PRECONDITION_FAILED -> HttpProblem.of(412, "precondition-failed", "Precondition failed", service.getMessage());
        case UNAVAILABLE -> HttpProblem.of(503, "service-unavailable", "Service unavailable", service.getMessage())
          .retryAfter(service.retryAfterSeconds());
        case TIMEOUT -> HttpProblem.of(504, "service-timeout", "Service timeout", service.getMessage());
      };
    }
    String correlationId = ctx.get(Correlation.HTTP_HEADER);
    LOG.atError().addKeyValue(Correlation.LOG_FIELD, correlationId).setCause(failure)
      .log("{} {} failed correlationId={}", ctx.request().method(), ctx.request().path(), correlationId);
    return HttpProblem.of(500, "internal-error", "Internal error", "the request failed unexpectedly; quote the correlation id");
  }
}

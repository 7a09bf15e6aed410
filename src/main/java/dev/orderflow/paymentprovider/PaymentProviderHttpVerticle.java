package dev.orderflow.paymentprovider;

import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.http.HttpProblem;
import dev.orderflow.platform.http.HttpServerLimits;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.core.Secrets;
import dev.orderflow.platform.sql.SqlErrors;
import dev.orderflow.platform.core.StartupException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The provider's own HTTP server, on its own port: charges, refunds, charge lookup, each for a
 * caller that presents a secret key as a real PSP's API wants it ({@code Authorization: Bearer
 * <key>}, checked against the configured hashes), then behind the injected faults. Publishes the
 * {@code payment-provider} HTTP-endpoint record.
 */
final class PaymentProviderHttpVerticle extends VerticleBase {

  static final String RECORD = "payment-provider";
  private static final Logger LOG = LoggerFactory.getLogger(PaymentProviderHttpVerticle.class);
  private static final long MAX_BODY_BYTES = 16 * 1024;

  private final Platform platform;
  private final ChargesStore store;
  private final AtomicReference<Faults> faults;
  private final PaymentProviderOptions options;
  private final List<byte[]> apiKeyHashes;
  private HttpServer server;
  private String registration;

  PaymentProviderHttpVerticle(Platform platform, ChargesStore store, AtomicReference<Faults> faults, PaymentProviderOptions options) {
    this.platform = platform;
    this.store = store;
    this.faults = faults;
    this.options = options;
    this.apiKeyHashes = Secrets.parseHashes(options.apiKeySha256s());
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(this::authenticate);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route().handler(this::injectFaults);
    router.post("/v1/charges").handler(this::charge);
    router.post("/v1/refunds").handler(this::refund);
    router.get("/v1/charges/:id").handler(this::getCharge);
    router.errorHandler(404, ctx -> problem(ctx, HttpProblem.of(404, "not-found", "Not found", "no resource at " + ctx.request().path())));
    router.errorHandler(405, ctx -> problem(ctx, HttpProblem.of(405, "method-not-allowed", "Method not allowed", "not allowed here")));
    router.errorHandler(413, ctx -> problem(ctx, HttpProblem.of(413, "body-too-large", "Body too large", "at most " + MAX_BODY_BYTES + " bytes")));
    HttpServerLimits limits = options.limits();
    return limits.guard(vertx, vertx.createHttpServer(limits.applyTo(new HttpServerOptions())), router, RECORD)
      .listen(options.httpPort(), options.httpHost())
      .recover(failure -> Future.failedFuture(StartupException.of("ORDERFLOW_PAYMENT_PROVIDER_PORT",
        "cannot listen on " + options.httpHost() + ":" + options.httpPort() + ": " + failure.getMessage())))
      .compose(listening -> {
        server = listening;
        return platform.discovery().publishHttpEndpoint(RECORD, options.httpHost(), listening.actualPort(), "/");
      })
      .onSuccess(published -> registration = published);
  }

  @Override
  public Future<?> stop() {
    Future<Void> unpublished = registration == null ? Future.succeededFuture() : platform.discovery().unpublish(registration);
    return unpublished.eventually(() -> server == null ? Future.succeededFuture() : server.close());
  }

  /** Refuses, before reading anything else, a request without a valid key: 401 with the scheme to use. */
  private void authenticate(RoutingContext ctx) {
    String key = Secrets.bearerCredential(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (key != null && Secrets.matchesAny(key, apiKeyHashes)) {
      ctx.next();
      return;
    }
    // debug: anyone who reaches the port could otherwise fill the log
    LOG.debug("refused a {} request without a valid API key from {} correlationId={}",
      ctx.request().method(), ctx.request().remoteAddress(), correlationId(ctx));
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + RECORD + "\"");
    problem(ctx, HttpProblem.of(401, "unauthorized", "Unauthorized",
      key != null ? "the API key is not valid" : "send the secret API key as Authorization: Bearer <key>"));
  }

  private void injectFaults(RoutingContext ctx) {
    Faults current = faults.get();
    if (current.outage()) {
      problem(ctx, HttpProblem.of(503, "outage", "Service unavailable", "injected outage").retryAfter(1));
      return;
    }
    Runnable proceed = () -> {
      if (current.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < current.errorRate()) {
        problem(ctx, HttpProblem.of(503, "injected-error", "Service unavailable", "injected error"));
      } else {
        ctx.next();
      }
    };
    if (current.latencyMs() > 0) {
      vertx.setTimer(current.latencyMs(), fired -> proceed.run());
    } else {
      proceed.run();
    }
  }

  private void charge(RoutingContext ctx) {
    String key = idempotencyKey(ctx);
    JsonObject body = key == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    answer(ctx, "charge", Future.<Charge>succeededFuture().map(ignored -> Charge.fromJson(body))
      .compose(charge -> store.charge(key, charge)));
  }

  private void refund(RoutingContext ctx) {
    String key = idempotencyKey(ctx);
    JsonObject body = key == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    Object chargeId = body.getValue("chargeId");
    if (!(chargeId instanceof String id) || id.isBlank()) {
      problem(ctx, HttpProblem.invalidField("chargeId", "is required"));
      return;
    }
    answer(ctx, "refund", store.refund(key, id, body.getValue("amount")));
  }

  private void getCharge(RoutingContext ctx) {
    store.find(ctx.pathParam("id")).onComplete(found -> {
      if (found.failed()) {
        failed(ctx, "get-charge", found.cause());
      } else if (found.result().isEmpty()) {
        problem(ctx, HttpProblem.of(404, "not-found", "Not found", "no charge '" + ctx.pathParam("id") + "'"));
      } else {
        ctx.response().putHeader("Content-Type", "application/json").end(found.result().get().encode());
      }
    });
  }

  private void answer(RoutingContext ctx, String action, Future<ChargesStore.Answer> outcome) {
    outcome.onSuccess(answer -> {
      LOG.debug("{} {} {} correlationId={}", action, answer.status(), answer.body().getString("id"), correlationId(ctx));
      ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json").end(answer.body().encode());
    }).onFailure(failure -> failed(ctx, action, failure));
  }

  private void failed(RoutingContext ctx, String action, Throwable failure) {
    Optional<String> unwritable = SqlErrors.unwritable(failure);
    if (failure instanceof Refusal refusal) {
      problem(ctx, refusal.code() == 400
        ? HttpProblem.invalid(refusal.getMessage(), Map.of())
        : HttpProblem.of(refusal.code(), "refused", "Refused", refusal.getMessage()));
    } else if (SqlErrors.isUnstorableText(failure)) {
      problem(ctx, HttpProblem.invalid("a text value holds a character that cannot be stored, such as U+0000", Map.of()));
    } else if (unwritable.isPresent()) {
      LOG.warn("{} unavailable correlationId={}: {}", action, correlationId(ctx), unwritable.get());
      problem(ctx, HttpProblem.of(503, "service-unavailable", "Service unavailable", unwritable.get()));
    } else {
      LOG.error("{} failed correlationId={}", action, correlationId(ctx), failure);
      problem(ctx, HttpProblem.of(500, "internal-error", "Internal error", "the provider failed unexpectedly"));
    }
  }

  private static String idempotencyKey(RoutingContext ctx) {
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key == null || key.isBlank() || key.length() > 200) {
      problem(ctx, HttpProblem.invalidField("Idempotency-Key", "header is required (at most 200 characters)"));
      return null;
    }
    return key;
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below like a missing body
    }
    problem(ctx, HttpProblem.of(400, "malformed-json", "Malformed JSON", "a JSON object body is required"));
    return null;
  }

  private static String correlationId(RoutingContext ctx) {
    return Correlation.fromOrNew(ctx.request().getHeader(Correlation.HTTP_HEADER));
  }

  private static void problem(RoutingContext ctx, HttpProblem problem) {
    if (!ctx.response().ended()) {
      problem.send(ctx.response(), ctx.request().path(), correlationId(ctx));
    }
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.http.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small helpers every route shares: the JSON body in, the JSON reply out, the correlation id. */
final class HttpReplies {

  // encoded once (Netty's AsciiString) rather than per answer
  private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  private HttpReplies() {
  }

  static void json(RoutingContext ctx, int status, Object body) {
    json(ctx, status, body instanceof JsonObject json ? json.toBuffer() : Json.encodeToBuffer(body));
  }

  /** Answers with a body already encoded as JSON (shared buffers too: the answer does not consume it). */
  static void json(RoutingContext ctx, int status, Buffer body) {
    ctx.response().setStatusCode(status).putHeader(CONTENT_TYPE, APPLICATION_JSON).end(body);
  }

  /** Answers {@code status} with the outcome as JSON once it succeeds, or the problem it failed with. */
  static void answer(RoutingContext ctx, int status, Future<?> outcome) {
    outcome.onSuccess(body -> json(ctx, status, body)).onFailure(failure -> Problems.fail(ctx, failure));
  }

  /** The body as a JSON object, or null after answering 400 when it is not one. */
  static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (DecodeException | ClassCastException e) {
      Problems.send(ctx, HttpProblem.of(400, "malformed-json", "Malformed JSON", "the body is not a JSON object"));
      return null;
    }
    Problems.send(ctx, HttpProblem.of(400, "malformed-json", "Malformed JSON", "a JSON object body is required"));
    return null;
  }

  static String correlationId(RoutingContext ctx) {
    return ctx.get(Correlation.HTTP_HEADER);
  }
}

package dev.orderflow.platform.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * An RFC 9457 problem document ({@code application/problem+json}) with the correlation id and,
 * where they apply, the fields at fault.
 */
public record HttpProblem(int status, String slug, String title, String detail, JsonArray fieldErrors, long retryAfterSeconds) {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://orderflow.dev/problems/";

  public static HttpProblem of(int status, String slug, String title, String detail) {
    return new HttpProblem(status, slug, title, detail, null, 0);
  }

  public static HttpProblem invalidField(String field, String reason) {
    return new HttpProblem(400, "invalid-request", "Invalid request", field + ": " + reason,
      new JsonArray().add(new JsonObject().put("field", field).put("message", reason)), 0);
  }

  /**
   * A 400 for a refusal that reads {@code "field: reason"}, naming the field as {@code publicNames}
   * says (or as it is), or a plain 400 for any other message.
   */
  public static HttpProblem invalid(String refusal, Map<String, String> publicNames) {
    int colon = refusal.indexOf(": ");
    if (colon <= 0) {
      return of(400, "invalid-request", "Invalid request", refusal);
    }
    String field = refusal.substring(0, colon);
    return invalidField(publicNames.getOrDefault(field, field), refusal.substring(colon + 2));
  }

  public HttpProblem retryAfter(long seconds) {
    return new HttpProblem(status, slug, title, detail, fieldErrors, seconds);
  }

  public JsonObject toJson(String instance, String correlationId) {
    JsonObject json = new JsonObject()
      .put("type", TYPE_BASE + slug)
      .put("title", title)
      .put("status", status)
      .put("detail", detail)
      .put("instance", instance)
      .put("correlationId", correlationId);
    if (fieldErrors != null) {
      json.put("errors", fieldErrors);
    }
    return json;
  }

  public Future<Void> send(HttpServerResponse response, String instance, String correlationId) {
    response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE);
    if (retryAfterSeconds > 0) {
      response.putHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }
    return response.end(toJson(instance, correlationId).encode());
  }
}

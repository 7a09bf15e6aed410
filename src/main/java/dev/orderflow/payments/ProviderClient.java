package dev.orderflow.payments;

import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.bus.Discovery;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.servicediscovery.Record;

import java.util.concurrent.TimeUnit;

/**
 * One HTTP request to the provider, wherever its {@code payment-provider} discovery record points
 * (the stand-in or a real PSP): no URL lives in code. Each request carries the secret API key (as
 * a bearer token, the way PSPs take it), its idempotency key and the correlation id, and is
 * abandoned after the per-attempt timeout.
 */
final class ProviderClient {

  private final Discovery discovery;
  private final WebClient client;
  private final String apiKey;
  private final long timeoutMs;

  ProviderClient(Discovery discovery, WebClient client, String apiKey, long timeoutMs) {
    this.discovery = discovery;
    this.client = client;
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
  }

  /** Where the provider is now; fails (not worth retrying) when nothing is published under its name. */
  Future<Endpoint> endpoint() {
    return discovery.lookup(PaymentsContract.PROVIDER_RECORD).compose(record -> record == null
      ? Future.failedFuture(new ProviderFailure("payment provider unavailable: no '" + PaymentsContract.PROVIDER_RECORD
        + "' HTTP endpoint is registered", false, false))
      : Future.succeededFuture(Endpoint.of(record)));
  }

  Future<ProviderAnswer> post(Endpoint endpoint, String path, String idempotencyKey, JsonObject body, String correlationId) {
    return client.post(endpoint.port(), endpoint.host(), endpoint.path(path))
      .ssl(endpoint.ssl())
      .timeout(timeoutMs)
      .bearerTokenAuthentication(apiKey)
      .putHeader("Idempotency-Key", idempotencyKey)
      .putHeader(Correlation.HTTP_HEADER, correlationId)
      .sendJsonObject(body)
      // the request's own timeout is an idle timeout; this one bounds a provider that answers byte by byte
      .timeout(timeoutMs, TimeUnit.MILLISECONDS)
      .map(ProviderClient::answer);
  }

  long timeoutMs() {
    return timeoutMs;
  }

  private static ProviderAnswer answer(HttpResponse<Buffer> response) {
    JsonObject body;
    try {
      body = response.body() == null || response.body().length() == 0 ? new JsonObject() : response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = new JsonObject();
    }
    return new ProviderAnswer(response.statusCode(), body == null ? new JsonObject() : body);
  }

  /** The provider's base address, read from its HTTP-endpoint record. */
  record Endpoint(String host, int port, boolean ssl, String root) {

    static Endpoint of(Record record) {
      JsonObject location = record.getLocation();
      return new Endpoint(location.getString("host"), location.getInteger("port"), location.getBoolean("ssl", false),
        location.getString("root", "/"));
    }

    String path(String path) {
      String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
      return base + path;
    }
  }
}

package dev.orderflow.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Orderflow's public HTTP API as the load generator uses it, over one bounded pool of connections:
 * each call answers the status and the JSON body, whatever the status; only a failure to get an
 * answer (connect, timeout, closed connection) fails the future.
 */
final class ShopClient {

  private final HttpClient http;
  private final long timeoutMs;

  ShopClient(Vertx vertx, LoadOptions options) {
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setDefaultHost(options.target().getHost()).setDefaultPort(options.target().getPort()).setKeepAlive(true),
      new PoolOptions().setHttp1MaxSize(options.connections()));
    this.timeoutMs = options.requestTimeout().toMillis();
  }

  /** The status and JSON body of an answer (an empty object when the body is not JSON). */
  record Answer(int status, JsonObject body) {
  }

  Future<Answer> register(String email) {
    return send(HttpMethod.POST, "/api/v1/customers", null, null,
      new JsonObject().put("email", email).put("name", "Load Generator"));
  }

  Future<Answer> place(String path, String token, String idempotencyKey, String sku) {
    JsonObject order = new JsonObject().put("items", new JsonArray().add(new JsonObject().put("sku", sku).put("quantity", 1)))
      .put("paymentToken", "tok_visa");
    return send(HttpMethod.POST, path, token, idempotencyKey, order);
  }

  /** One page of the customer's own orders, oldest first. */
  Future<Answer> orders(String token, String cursor) {
    String query = cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    return send(HttpMethod.GET, "/api/v1/orders?limit=100" + query, token, null, null);
  }

  Future<Answer> stock(String sku) {
    return send(HttpMethod.GET, "/api/v1/inventory/" + sku, null, null, null);
  }

  Future<Answer> setAvailable(String adminToken, String sku, long available) {
    return send(HttpMethod.PUT, "/admin/inventory/" + sku, adminToken, null, new JsonObject().put("available", available));
  }

  Future<Void> close() {
    return http.close();
  }

  private Future<Answer> send(HttpMethod method, String uri, String token, String idempotencyKey, JsonObject body) {
    // the connect timeout also bounds the wait for a free connection of the pool
    RequestOptions request = new RequestOptions().setMethod(method).setURI(uri).setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    return http.request(request)
      .compose(sent -> body == null ? sent.send() : sent.send(body.toBuffer()))
      .compose(response -> response.body().map(bytes -> new Answer(response.statusCode(), json(bytes))));
  }

  private static JsonObject json(Buffer bytes) {
    try {
      return bytes.length() == 0 ? new JsonObject() : new JsonObject(bytes);
    } catch (DecodeException | ClassCastException e) {
      return new JsonObject();
    }
  }
}

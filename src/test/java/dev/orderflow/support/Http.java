package dev.orderflow.support;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client over a real socket, blocking, for tests. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String[] defaultHeaders;

  /** A client that sends {@code defaultHeaders} (name, value, ...) with every request. */
  public Http(String baseUrl, String... defaultHeaders) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.defaultHeaders = defaultHeaders;
  }

  /** The admin token the test instances accept, and the hash they are configured with. */
  public static final String ADMIN_TOKEN = "test-admin-token";
  public static final String ADMIN_TOKEN_SHA256 = java.util.HexFormat.of().formatHex(sha256(ADMIN_TOKEN));

  /** A client of {@code baseUrl} that authenticates as the admin. */
  public static Http asAdmin(String baseUrl) {
    return new Http(baseUrl, "Authorization", "Bearer " + ADMIN_TOKEN);
  }

  /** The payment provider API key the test instances' payments send, and the hash their stand-in accepts. */
  public static final String PROVIDER_API_KEY = "test-payment-provider-key";
  public static final String PROVIDER_API_KEY_SHA256 = java.util.HexFormat.of().formatHex(sha256(PROVIDER_API_KEY));

  /** A client of the payment provider stand-in at {@code baseUrl} that sends the test instances' API key. */
  public static Http asPaymentsModule(String baseUrl) {
    return new Http(baseUrl, "Authorization", "Bearer " + PROVIDER_API_KEY);
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  public Response get(String path, String... headers) {
    return send(request(path, headers).GET());
  }

  public Response put(String path, String contentType, String body, String... headers) {
    return send(request(path, headers).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response post(String path, String contentType, String body, String... headers) {
    return send(request(path, headers).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response putJson(String path, JsonObject body) {
    return put(path, "application/json", body.encode());
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < defaultHeaders.length; i += 2) {
      builder.header(defaultHeaders[i], defaultHeaders[i + 1]);
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      return new Response(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A received response with the helpers tests need. */
  public record Response(HttpResponse<String> raw) {

    public int status() {
      return raw.statusCode();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }

    public JsonObject json() {
      return new JsonObject(raw.body());
    }

    public String body() {
      return raw.body();
    }
  }
}

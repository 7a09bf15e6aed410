package dev.orderflow.gateway;

import dev.orderflow.support.Http;
import dev.orderflow.support.RawHttp;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A few thousand malformed, oversized and random requests over a real socket: no 5xx, nothing changed")
class FuzzTest {

  private static final long SEED = 20261122L;
  private static final int REQUESTS = 3000;
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "BREW");
  private static final List<String> PATHS = List.of("/api/v1/items", "/api/v1/items/MUG-0001", "/api/v1/items/%00", "/api/v1/customers",
    "/api/v1/customers/x/notifications", "/api/v1/analytics/registrations", "/admin/catalog/items/X-1", "/admin/dead-letters/g",
    "/admin/consumer-groups/analytics/replay", "/health/ready", "/metrics", "/api/v2/../v1/items", "/%2e%2e/etc/passwd", "/", "//",
    "/api/v1/orders", "/api/v2/orders", "/api/v1/orders/x", "/api/v2/orders/x/cancel", "/api/v1/checkout/sync", "/api/v1/payments",
    "/api/v1/inventory/MUG-0001", "/admin/inventory/MUG-0001", "/admin/sagas", "/admin/sagas/x/retry", "/admin/faults/payment-provider",
    // paths that only normalise to a protected one: refused before any check could be misled
    "/%61dmin/faults/payment-provider", "//admin/faults", "/api/../admin/catalog/items/MUG-0001", "/api/%2e%2e/admin/sagas",
    "/%61pi/v1/orders", "/api/v1/%70ayments", "/admin;x=1/faults", "/admin%2Ffaults/payment-provider", "/Admin/faults");
  private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/xml",
    "application/json; charset=utf-16", "multipart/form-data; boundary=x", "", "application/problem+json");

  @Test
  void noServerErrorsAndNoStateChange() throws Exception {
    try (TestInstance orderflow = TestInstance.start()) {
      Http admin = orderflow.http();
      String catalogBefore = admin.get("/api/v1/items?limit=100").body();
      String stockBefore = admin.get("/api/v1/inventory/MUG-0001").body();
      String faultsBefore = admin.get("/admin/faults").body();
      URI base = URI.create(admin.baseUrl());
      RawHttp raw = new RawHttp(admin.baseUrl());
      Random random = new Random(SEED);
      List<String> serverErrors = new ArrayList<>();
      int problems = 0;

      for (int i = 0; i < REQUESTS; i++) {
        String request = randomRequest(random, base);
        int status = raw.sendRaw(request).status();
        if (status >= 500 || status == 0) {
          serverErrors.add(status + " for " + request.lines().findFirst().orElse(""));
        } else if (status >= 400) {
          problems++;
        }
      }

      assertThat(serverErrors).as("5xx answers or dropped connections").isEmpty();
      assertThat(problems).isGreaterThan(REQUESTS / 2);
      assertThat(admin.get("/api/v1/items?limit=100").body()).as("the catalog is unchanged").isEqualTo(catalogBefore);
      assertThat(admin.get("/api/v1/analytics/registrations").json().getLong("total")).as("no customer registered").isZero();
      assertThat(admin.get("/api/v1/orders?limit=100").json().getJsonArray("orders")).as("no order placed").isEmpty();
      assertThat(admin.get("/api/v1/inventory/MUG-0001").body()).as("no stock moved").isEqualTo(stockBefore);
      assertThat(admin.get("/admin/faults").body()).as("no fault injected").isEqualTo(faultsBefore);
    }
  }

  private static String randomRequest(Random random, URI base) {
    String method = pick(random, METHODS);
    String path = pick(random, PATHS) + randomSuffix(random);
    String body = randomBody(random);
    StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
      .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
      .append("Connection: close\r\n");
    String contentType = pick(random, CONTENT_TYPES);
    if (!contentType.isEmpty()) {
      request.append("Content-Type: ").append(contentType).append("\r\n");
    }
    switch (random.nextInt(8)) {
      case 0 -> request.append("X-Correlation-Id: ").append("x".repeat(random.nextInt(400))).append("\r\n");
      case 1 -> request.append("Authorization: Bearer ").append(Long.toHexString(random.nextLong())).append("\r\n");
      case 4 -> request.append("Authorization: Bearer ").append(forgedToken(random)).append("\r\n");
      case 2 -> request.append("X-API-Key: \u00ff\u00fe").append("\r\n");
      case 3 -> request.append("If-Match: \"").append(random.nextInt()).append("\"\r\n");
      default -> { }
    }
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    int declaredLength = random.nextInt(10) == 0 ? Math.max(0, bodyBytes.length - 3) : bodyBytes.length;
    request.append("Content-Length: ").append(declaredLength).append("\r\n\r\n").append(body, 0, Math.min(body.length(), declaredLength));
    return request.toString();
  }

  /** A JWT-shaped token no shop signed: alg none, broken base64 or JSON, or a signature of random bytes. */
  private static String forgedToken(Random random) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    String header = pick(random, List.of("{\"alg\":\"none\"}", "{\"alg\":\"ES256\",\"kid\":\"x\"}", "{\"alg\":\"HS256\"}", "{\"alg\":", "[]"));
    String claims = pick(random, List.of("{\"sub\":\"nobody\",\"exp\":99999999999}", "{\"sub\":42}", "null", "{"));
    byte[] signature = new byte[random.nextInt(80)];
    random.nextBytes(signature);
    String token = encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
      + "." + encoder.encodeToString(signature);
    return random.nextInt(4) == 0 ? token.replace('A', '%').replace('B', '*') : token;
  }

  private static String randomSuffix(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> "?limit=" + (random.nextInt(400) - 100);
      case 1 -> "?cursor=" + Long.toHexString(random.nextLong());
      case 2 -> "/" + "a".repeat(random.nextInt(3000));
      case 3 -> "?%zz=%%";
      case 4 -> "/%C0%AF";
      default -> "";
    };
  }

  private static String randomBody(Random random) {
    return switch (random.nextInt(13)) {
      case 0 -> "";
      case 1 -> "{";
      case 2 -> "[1,2,3]";
      case 3 -> "{\"email\": 42, \"name\": [\"x\"]}";
      case 4 -> "{\"email\": \"not-an-email\", \"name\": \"" + "n".repeat(random.nextInt(500)) + "\"}";
      case 5 -> "{\"name\": \"x\", \"price\": \"-1\", \"currency\": \"???\", \"unknown\": {\"deep\": [null, true]}}";
      case 6 -> "x".repeat(70_000 + random.nextInt(10_000));
      case 7 -> new JsonObject().put("from", "yesterday").encode();
      case 8 -> "\u0000\u0001\u0002" + Long.toHexString(random.nextLong());
      case 9 -> "{\"customerId\": \"nobody\", \"items\": [{\"sku\": \"MUG-0001\", \"quantity\": 1}], \"paymentToken\": \"tok_visa\"}";
      case 10 -> "{\"customerId\": 7, \"items\": [{\"sku\": \"MUG-0001\", \"quantity\": " + (random.nextBoolean() ? "1e400" : "-3")
        + "}], \"paymentToken\": \"\"}";
      case 11 -> "{\"customerId\": \"c\", \"items\": [" + "{\"sku\": \"PEN-0001\", \"quantity\": 99999999999999999999},".repeat(random.nextInt(30))
        + "{}], \"paymentToken\": \"tok_visa\"}";
      default -> "{\"email\": \"\", \"name\": \"\"}";
    };
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}

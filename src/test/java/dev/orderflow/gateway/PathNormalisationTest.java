package dev.orderflow.gateway;

import dev.orderflow.support.Http;
import dev.orderflow.support.RawHttp;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A path that only normalises to a protected route is refused with 400, never served around the edge checks")
class PathNormalisationTest {

  private static final String API_KEY = "client-app-key";
  private static final String BODY = new JsonObject().put("name", "Cheap").put("description", "x").put("price", 0.01)
    .put("currency", "EUR").put("outage", true).put("from", "beginning").encode();

  @Test
  @DisplayName("every variant of every admin and API route: 400 problem+json, while the canonical path without credentials is 401")
  void everyVariantOfEveryProtectedRoute() throws Exception {
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_API_KEYS_SHA256", sha256(API_KEY), "ORDERFLOW_API_KEYS_REQUIRED", "true",
      "ORDERFLOW_RATE_LIMIT_ENABLED", "true")) {
      Http admin = orderflow.http();
      RawHttp raw = new RawHttp(admin.baseUrl());
      String itemBefore = admin.get("/api/v1/items/AUDIO-0001").body();
      String faultsBefore = admin.get("/admin/faults").body();
      List<String> served = new ArrayList<>();
      int variants = 0;

      for (Operation operation : protectedOperations()) {
        RawHttp.Answer canonical = raw.send(operation.method(), operation.path(), "application/json", operation.body());
        assertThat(canonical.status()).as("%s %s without credentials", operation.method(), operation.path()).isEqualTo(401);
        for (String variant : variants(operation.path())) {
          RawHttp.Answer answer = raw.send(operation.method(), variant, "application/json", operation.body());
          variants++;
          if (answer.status() != 400 || !"application/problem+json".equals(answer.header("Content-Type"))) {
            served.add(answer.status() + " " + operation.method() + " " + variant);
          }
        }
      }

      assertThat(variants).isGreaterThan(500);
      assertThat(served).as("variants answered other than 400 problem+json").isEmpty();
      assertThat(admin.get("/api/v1/items/AUDIO-0001").body()).as("no price changed").isEqualTo(itemBefore);
      assertThat(admin.get("/admin/faults").body()).as("no fault injected").isEqualTo(faultsBefore);
    }
  }

  @Test
  @DisplayName("a route's own rate limit holds for its encoded spellings: they are refused before they could take another bucket")
  void encodedSpellingsDoNotEscapeRateLimits() {
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_RATE_LIMIT_ENABLED", "true")) {
      RawHttp raw = new RawHttp(orderflow.http().baseUrl());
      for (int i = 0; i < 40; i++) {
        assertThat(raw.send("GET", "/%61pi/v1/payments?orderId=x", null, null).status()).isEqualTo(400);
        assertThat(raw.send("GET", "/api/v1/%70ayments?orderId=x", null, null).status()).isEqualTo(400);
      }
      int limited = 0;
      for (int i = 0; i < 40; i++) {
        limited += raw.send("GET", "/api/v1/payments?orderId=x", null, null).status() == 429 ? 1 : 0;
      }
      assertThat(limited).as("the payments route limit (burst 20) still applies to the canonical path").isPositive();
    }
  }

  /** Spellings of {@code path} that a normalising router would route to it (or that a proxy could split differently). */
  static List<String> variants(String path) {
    String[] parts = path.substring(1).split("/", 2);
    String prefix = parts[0];
    String rest = parts.length > 1 ? "/" + parts[1] : "";
    String other = prefix.equals("admin") ? "api" : "admin";
    Set<String> variants = new LinkedHashSet<>();
    StringBuilder allEncoded = new StringBuilder();
    for (int i = 0; i < prefix.length(); i++) {
      String lower = String.format("%%%02x", (int) prefix.charAt(i));
      variants.add("/" + prefix.substring(0, i) + lower + prefix.substring(i + 1) + rest);
      variants.add("/" + prefix.substring(0, i) + lower.toUpperCase(Locale.ROOT) + prefix.substring(i + 1) + rest);
      allEncoded.append(i % 2 == 0 ? lower : lower.toUpperCase(Locale.ROOT));
    }
    variants.add("/" + allEncoded + rest);
    String lastSegment = path.substring(path.lastIndexOf('/') + 1);
    if (!lastSegment.isEmpty() && Character.isLetter(lastSegment.charAt(0))) {
      variants.add(path.substring(0, path.lastIndexOf('/') + 1) + String.format("%%%02x", (int) lastSegment.charAt(0)) + lastSegment.substring(1));
    }
    variants.add("/." + path);
    variants.add("/" + other + "/.." + path);
    variants.add("/" + other + "/%2e%2e" + path);
    variants.add("/" + other + "/%2E%2E" + path);
    variants.add("/" + other + "/.%2e" + path);
    variants.add("/" + other + "/%2e." + path);
    variants.add("/" + prefix + "/." + rest);
    variants.add("/" + path);
    variants.add("/" + prefix + "/" + rest);
    variants.add("/" + prefix + ";x=1" + rest);
    variants.add(path + ";x=1");
    variants.add("/" + prefix + "%2F" + rest.substring(Math.min(1, rest.length())));
    variants.add("/" + prefix + "%2f" + rest.substring(Math.min(1, rest.length())));
    variants.add("/%2F" + prefix + rest);
    variants.add("/" + prefix + "%5C" + rest.substring(Math.min(1, rest.length())));
    variants.add("/%2561" + prefix.substring(1) + rest);
    variants.remove(path);
    return List.copyOf(variants);
  }

  /** Every operation of the contract under /admin or /api, its path parameters filled with sample values. */
  private static List<Operation> protectedOperations() throws IOException {
    JsonObject paths;
    try (InputStream contract = PathNormalisationTest.class.getResourceAsStream("/openapi.json")) {
      paths = new JsonObject(new String(contract.readAllBytes(), StandardCharsets.UTF_8)).getJsonObject("paths");
    }
    List<Operation> operations = new ArrayList<>();
    for (String path : paths.fieldNames()) {
      if (!path.startsWith("/admin/") && !path.startsWith("/api/")) {
        continue;
      }
      String sample = path.replace("{sku}", "AUDIO-0001").replaceAll("\\{[^}]+}", "checkout");
      for (String method : paths.getJsonObject(path).fieldNames()) {
        String upper = method.toUpperCase(Locale.ROOT);
        if (Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(upper)) {
          operations.add(new Operation(upper, sample, upper.equals("GET") ? null : BODY));
        }
      }
    }
    assertThat(operations).extracting(Operation::path).contains("/admin/faults/payment-provider", "/api/v1/orders");
    return operations;
  }

  private record Operation(String method, String path, String body) {
  }

  private static String sha256(String secret) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
  }
}

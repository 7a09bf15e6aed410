package dev.orderflow.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Admin bearer token and public API keys, configured by their hashes only")
class AuthTest {

  private static final String API_KEY = "public-key-1";

  @Test
  @DisplayName("/admin needs the admin token: 401 without or with a wrong one, 403 for an API key; tokens never reach the log")
  void adminToken() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_API_KEYS_SHA256", sha256(API_KEY))) {
      String base = orderflow.http().baseUrl();

      Http.Response anonymous = new Http(base).get("/admin/messaging");
      Http.Response wrong = new Http(base, "Authorization", "Bearer not-the-token").get("/admin/messaging");
      Http.Response apiKey = new Http(base, "X-API-Key", API_KEY).get("/admin/messaging");
      Http.Response admin = Http.asAdmin(base).get("/admin/messaging");

      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
      assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(apiKey.status()).isEqualTo(403);
      assertThat(admin.status()).isEqualTo(200);
      assertThat(new Http(base).put("/admin/catalog/items/NOPE-1", "application/json", "{}").status()).isEqualTo(401);
      assertThat(List.copyOf(logs.list)).noneMatch(line -> line.getFormattedMessage().contains(Http.ADMIN_TOKEN)
        || line.getFormattedMessage().contains("not-the-token") || line.getFormattedMessage().contains(API_KEY));
    } finally {
      root.detachAppender(logs);
    }
  }

  @Test
  @DisplayName("API keys are optional unless required; a wrong key is always refused; health needs none")
  void apiKeys() throws Exception {
    try (TestInstance optional = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_API_KEYS_SHA256", sha256(API_KEY))) {
      String base = optional.http().baseUrl();
      assertThat(new Http(base).get("/api/v1/items/MUG-0001").status()).isEqualTo(200);
      assertThat(new Http(base, "X-API-Key", API_KEY).get("/api/v1/items/MUG-0001").status()).isEqualTo(200);
      assertThat(new Http(base, "X-API-Key", "guessed").get("/api/v1/items/MUG-0001").status()).isEqualTo(401);
    }
    try (TestInstance required = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_API_KEYS_SHA256", sha256(API_KEY),
      "ORDERFLOW_API_KEYS_REQUIRED", "true")) {
      String base = required.http().baseUrl();
      Http.Response withoutKey = new Http(base).get("/api/v1/items/MUG-0001");
      assertThat(withoutKey.status()).isEqualTo(401);
      assertThat(withoutKey.contentType()).isEqualTo("application/problem+json");
      assertThat(new Http(base, "X-API-Key", API_KEY).get("/api/v1/items/MUG-0001").status()).isEqualTo(200);
      assertThat(new Http(base).get("/health/ready").status()).isEqualTo(200);
      assertThat(new Http(base).get("/metrics").status()).isEqualTo(200);
    }
  }

  private static String sha256(String secret) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpServerLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The gateway's own settings (the {@code gateway} object of the configuration). */
record GatewayOptions(String httpHost, int httpPort, long drainTimeoutMs, long itemCacheTtlMs, List<String> corsOrigins,
                      Credentials credentials, JsonObject rateLimits, int rateLimitMaxClients, long maxBodyBytes, long checkoutSyncTimeoutMs,
                      HttpServerLimits limits, TokenOptions tokens) {

  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8080;
  static final long DEFAULT_DRAIN_TIMEOUT_MS = 5000;
  static final long DEFAULT_ITEM_CACHE_TTL_MS = 30_000;
  static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  static final long DEFAULT_CHECKOUT_SYNC_TIMEOUT_MS = 30_000;

  static GatewayOptions from(JsonObject config) {
    return new GatewayOptions(
      config.getString("http-host", DEFAULT_HOST),
      config.getInteger("http-port", DEFAULT_PORT),
      config.getLong("drain-timeout-ms", DEFAULT_DRAIN_TIMEOUT_MS),
      config.getLong("item-cache-ttl-ms", DEFAULT_ITEM_CACHE_TTL_MS),
      strings(config.getJsonArray("cors-origins", new JsonArray())),
      new Credentials(config.getString("admin-token-sha256", ""), strings(config.getJsonArray("api-keys-sha256", new JsonArray())),
        config.getBoolean("api-keys-required", false), ClientAddress.trusting(strings(config.getJsonArray("trusted-proxies")))),
      config.getBoolean("rate-limit-enabled", true) ? config.getJsonObject("rate-limits") : null,
      config.getInteger("rate-limit-max-clients"),
      config.getLong("max-body-bytes", DEFAULT_MAX_BODY_BYTES),
      config.getLong("checkout-sync-timeout-ms", DEFAULT_CHECKOUT_SYNC_TIMEOUT_MS),
      HttpServerLimits.from(config),
      TokenOptions.from(config));
  }

  private static List<String> strings(JsonArray values) {
    return values.stream().map(String::valueOf).toList();
  }
}

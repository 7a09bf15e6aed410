package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpServerLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/** The gateway's own settings (the {@code gateway} object of the configuration). */
record GatewayOptions(String httpHost, int httpPort, int httpEventLoops, long drainTimeoutMs, long itemCacheTtlMs, long customerCacheTtlMs, List<String> corsOrigins,
                      Credentials credentials, JsonObject rateLimits, int rateLimitMaxClients, int rateLimitLeaseChunk, long maxBodyBytes, long checkoutSyncTimeoutMs,
                      HttpServerLimits limits, TokenOptions tokens, AccessLog accessLog) {

  /** Which requests get an access log line: all, those answered 4xx or 5xx, or none. */
  enum AccessLog { ALL, ERRORS, NONE }

  GatewayOptions {
    if (httpHost.isBlank() || httpPort < 0 || httpPort > 65535 || httpEventLoops < 1 || drainTimeoutMs < 1 || itemCacheTtlMs < 1 || customerCacheTtlMs < 1 || maxBodyBytes < 1
      || checkoutSyncTimeoutMs < 1 || rateLimitMaxClients < 1 || rateLimitLeaseChunk < 1) {
      throw new IllegalArgumentException("gateway: invalid settings (http-host must be set, http-port within 0-65535,"
        + " timeouts, max-body-bytes, rate-limit-max-clients and rate-limit-lease-chunk positive)");
    }
  }

  static GatewayOptions from(JsonObject config) {
    return new GatewayOptions(
      config.getString("http-host"),
      config.getInteger("http-port"),
      eventLoops(config.getInteger("http-event-loops")),
      config.getLong("drain-timeout-ms"),
      config.getLong("item-cache-ttl-ms"),
      config.getLong("customer-cache-ttl-ms"),
      strings(config.getJsonArray("cors-origins")),
      new Credentials(config.getString("admin-token-sha256"), strings(config.getJsonArray("api-keys-sha256")),
        config.getBoolean("api-keys-required"), ClientAddress.trusting(strings(config.getJsonArray("trusted-proxies")))),
      config.getBoolean("rate-limit-enabled") ? config.getJsonObject("rate-limits") : null,
      config.getInteger("rate-limit-max-clients"),
      config.getInteger("rate-limit-lease-chunk"),
      config.getLong("max-body-bytes"),
      config.getLong("checkout-sync-timeout-ms"),
      HttpServerLimits.from(config),
      TokenOptions.from(config),
      AccessLog.valueOf(config.getString("access-log").toUpperCase(Locale.ROOT)));
  }

  /** 0: one per CPU core, as the event loops that serve HTTP best number no more than the cores that run them. */
  private static int eventLoops(int setting) {
    return setting == 0 ? Runtime.getRuntime().availableProcessors() : setting;
  }

  private static List<String> strings(JsonArray values) {
    return values.stream().map(String::valueOf).toList();
  }
}

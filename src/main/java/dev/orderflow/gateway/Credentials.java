package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpProblem;
import dev.orderflow.platform.core.Secrets;
import io.vertx.ext.web.RoutingContext;

import java.util.HexFormat;
import java.util.List;

/**
 * Who may call what. {@code /admin/**} needs the admin bearer token; public routes may require an
 * API key ({@code X-API-Key}). Configuration holds only SHA-256 hashes, never a secret; presented
 * secrets are hashed and compared in constant time, and never logged.
 */
final class Credentials {

  static final String API_KEY_HEADER = "X-API-Key";
  private static final String API_KEY_HASH = "orderflow.api-key-hash";

  private final List<byte[]> adminTokenHashes;
  private final List<byte[]> apiKeyHashes;
  private final boolean apiKeysRequired;
  private final ClientAddress clientAddress;

  Credentials(String adminTokenSha256, List<String> apiKeySha256s, boolean apiKeysRequired, ClientAddress clientAddress) {
    this.adminTokenHashes = adminTokenSha256.isEmpty() ? List.of() : Secrets.parseHashes(List.of(adminTokenSha256));
    this.apiKeyHashes = Secrets.parseHashes(apiKeySha256s);
    this.apiKeysRequired = apiKeysRequired;
    this.clientAddress = clientAddress;
  }

  /** Checks credentials by path: the admin API, the public API; health, metrics and docs are open. */
  void authorize(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.startsWith("/admin/")) {
      requireAdmin(ctx);
    } else if (path.startsWith("/api/")) {
      requireApiKey(ctx);
    } else {
      ctx.next();
    }
  }

  /** Lets an admin request through with the admin token; 401 without it, 403 for a public API key. */
  private void requireAdmin(RoutingContext ctx) {
    if (adminTokenHashes.isEmpty()) {
      unauthorized(ctx, "the admin API is closed: no admin token is configured (ORDERFLOW_ADMIN_TOKEN_SHA256)");
    } else if (isAdmin(ctx)) {
      ctx.next();
    } else if (isApiKey(ctx)) {
      Problems.send(ctx, HttpProblem.of(403, "forbidden", "Forbidden", "an API key does not grant access to the admin API"));
    } else {
      unauthorized(ctx, "send the admin token as Authorization: Bearer <token>");
    }
  }

  /** Public routes: free unless API keys are required; a wrong key is refused either way. */
  private void requireApiKey(RoutingContext ctx) {
    String key = ctx.request().getHeader(API_KEY_HEADER);
    if (key == null && !apiKeysRequired || key != null && isApiKey(ctx) || isAdmin(ctx)) {
      ctx.next();
    } else {
      ctx.response().putHeader("WWW-Authenticate", "ApiKey header=\"" + API_KEY_HEADER + "\"");
      Problems.send(ctx, HttpProblem.of(401, "unauthorized", "Unauthorized",
        key == null ? "send an API key in " + API_KEY_HEADER : "the API key is not valid"));
    }
  }

  /** Who a client is for rate limiting: its API key (hashed) when valid, else its address (see {@link ClientAddress}). */
  String clientIdentity(RoutingContext ctx) {
    return isApiKey(ctx)
      ? "key:" + HexFormat.of().formatHex(apiKeyHash(ctx), 0, 8)
      : "ip:" + clientAddress.of(ctx);
  }

  /** Whether the request carries the admin token (customer routes let operators through too). */
  boolean isAdmin(RoutingContext ctx) {
    String token = Secrets.bearerCredential(ctx.request().getHeader("Authorization"));
    return token != null && Secrets.matchesAny(token, adminTokenHashes);
  }

  private boolean isApiKey(RoutingContext ctx) {
    byte[] hash = apiKeyHash(ctx);
    return hash != null && Secrets.hashMatchesAny(hash, apiKeyHashes);
  }

  /** The presented API key's hash, computed once per request (the limiter and the checks all ask). */
  private static byte[] apiKeyHash(RoutingContext ctx) {
    String key = ctx.request().getHeader(API_KEY_HEADER);
    if (key == null) {
      return null;
    }
    byte[] hash = ctx.get(API_KEY_HASH);
    if (hash == null) {
      hash = Secrets.sha256(key);
      ctx.put(API_KEY_HASH, hash);
    }
    return hash;
  }

  private static void unauthorized(RoutingContext ctx, String detail) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"orderflow-admin\"");
    Problems.send(ctx, HttpProblem.of(401, "unauthorized", "Unauthorized", detail));
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.HttpProblem;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Who may call what. {@code /admin/**} needs the admin bearer token; public routes may require an
 * API key ({@code X-API-Key}). Configuration holds only SHA-256 hashes, never a secret; presented
 * secrets are hashed and compared in constant time, and never logged.
 */
final class Credentials {

  static final String API_KEY_HEADER = "X-API-Key";
  private static final String BEARER = "bearer ";
  private static final String API_KEY_HASH = "orderflow.api-key-hash";

  private final byte[] adminTokenHash;
  private final List<byte[]> apiKeyHashes;
  private final boolean apiKeysRequired;
  private final ClientAddress clientAddress;

  Credentials(String adminTokenSha256, List<String> apiKeySha256s, boolean apiKeysRequired, ClientAddress clientAddress) {
    this.adminTokenHash = adminTokenSha256.isEmpty() ? null : HexFormat.of().parseHex(adminTokenSha256.toLowerCase(Locale.ROOT));
    this.apiKeyHashes = apiKeySha256s.stream().map(hash -> HexFormat.of().parseHex(hash.toLowerCase(Locale.ROOT))).toList();
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
    if (adminTokenHash == null) {
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
    String authorization = ctx.request().getHeader("Authorization");
    return adminTokenHash != null && authorization != null && authorization.length() > BEARER.length()
      && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
      && MessageDigest.isEqual(adminTokenHash, sha256(authorization.substring(BEARER.length()).trim()));
  }

  private boolean isApiKey(RoutingContext ctx) {
    byte[] hash = apiKeyHash(ctx);
    if (hash == null) {
      return false;
    }
    boolean known = false;
    for (byte[] candidate : apiKeyHashes) {
      known |= MessageDigest.isEqual(candidate, hash);
    }
    return known;
  }

  /** The presented API key's hash, computed once per request (the limiter and the checks all ask). */
  private static byte[] apiKeyHash(RoutingContext ctx) {
    String key = ctx.request().getHeader(API_KEY_HEADER);
    if (key == null) {
      return null;
    }
    byte[] hash = ctx.get(API_KEY_HASH);
    if (hash == null) {
      hash = sha256(key);
      ctx.put(API_KEY_HASH, hash);
    }
    return hash;
  }

  private static void unauthorized(RoutingContext ctx, String detail) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"orderflow-admin\"");
    Problems.send(ctx, HttpProblem.of(401, "unauthorized", "Unauthorized", detail));
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

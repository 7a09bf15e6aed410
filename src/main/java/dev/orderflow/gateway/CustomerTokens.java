package dev.orderflow.gateway;

import dev.orderflow.platform.core.StartupException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Customers' bearer tokens: a JWT whose {@code sub} is the customer id, with {@code iss}, {@code aud},
 * {@code iat} and {@code exp}, signed with the instance's key. Checking refuses another signature or
 * algorithm (including {@code none}), another issuer, another or no audience, an expired token, and
 * one without subject or expiry.
 */
final class CustomerTokens {

  private static final Logger LOG = LoggerFactory.getLogger(CustomerTokens.class);
  private static final int MAX_REMEMBERED = 100_000;
  private static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

  private final JWTAuth auth;
  private final int ttlSeconds;
  /**
   * Tokens that verified, by their exact text: an ES256 signature check costs more CPU than the rest
   * of an order's HTTP handling, and a token's text decides its verdict, so a customer's next request
   * with the same token is answered from here until the token's own expiry.
   */
  private final Cache<String, Verified> verified = Caffeine.newBuilder()
    .maximumSize(MAX_REMEMBERED).expireAfterWrite(REMEMBERED_FOR).build();

  private CustomerTokens(JWTAuth auth, int ttlSeconds) {
    this.auth = auth;
    this.ttlSeconds = ttlSeconds;
  }

  private record Verified(String customerId, long expiresAtEpochSecond) {
  }

  /** A signed token and the instant it expires (its {@code exp}). */
  record Issued(String accessToken, Instant expiresAt) {
  }

  /** Loads the key off the event loop (it may write a new one), then proves that it verifies what it signs. */
  static Future<CustomerTokens> start(Vertx vertx, TokenOptions options, Path dataDir) {
    return vertx.executeBlocking(() -> SigningKey.load(options, dataDir, vertx.isClustered())).compose(key -> {
      JWTOptions signing = new JWTOptions().setAlgorithm(key.algorithm()).setIssuer(options.issuer())
        .setAudience(List.of(options.audience()));
      CustomerTokens tokens = new CustomerTokens(JWTAuth.create(vertx, key.keys().setJWTOptions(signing)), options.ttlSeconds());
      return tokens.verify(tokens.issue("startup-probe").accessToken())
        .recover(failure -> Future.failedFuture(StartupException.of(
          options.jwksFile().isEmpty() ? "ORDERFLOW_JWT_PRIVATE_KEY_FILE" : "ORDERFLOW_JWT_JWKS_FILE",
          "the key cannot verify what it signs (does the public key belong to the private key?): " + failure.getMessage())))
        .map(tokens)
        .onSuccess(checked -> LOG.info("customer tokens: {}, valid {} s, signing key: {}", key.algorithm(), options.ttlSeconds(), key.source()));
    });
  }

  /** iat and exp are set here rather than by the library, which reads its own clock for exp: the answer's expiresAt is the token's exp. */
  Issued issue(String customerId) {
    long issuedAt = Instant.now().getEpochSecond();
    long expiresAt = issuedAt + ttlSeconds;
    String token = auth.generateToken(new JsonObject().put("sub", customerId).put("iat", issuedAt).put("exp", expiresAt));
    return new Issued(token, Instant.ofEpochSecond(expiresAt));
  }

  /** The customer the token names, or a failure saying why the token is refused. */
  Future<String> verify(String token) {
    Verified known = verified.getIfPresent(token);
    if (known != null && Instant.now().getEpochSecond() < known.expiresAtEpochSecond()) {
      return Future.succeededFuture(known.customerId());
    }
    return auth.authenticate(new TokenCredentials(token))
      .compose(CustomerTokens::verified)
      .onSuccess(checked -> verified.put(token, checked))
      .map(Verified::customerId);
  }

  private static Future<Verified> verified(User user) {
    Object subject = user.principal().getValue("sub");
    if (!(subject instanceof String customerId) || customerId.isBlank() || !(user.attributes().getValue("exp") instanceof Number expiry)) {
      return Future.failedFuture("the token has no subject or no expiry");
    }
    return Future.succeededFuture(new Verified(customerId, expiry.longValue()));
  }
}

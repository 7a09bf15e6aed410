package dev.orderflow.platform.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Secrets and the SHA-256 hashes that check them: the party that checks a secret is configured with
 * its hash only, hashes what it is shown and compares in constant time.
 */
public final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int GENERATED_BYTES = 32;
  private static final String BEARER = "Bearer ";

  private Secrets() {
  }

  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text));
  }

  /** Parses hex hashes as the settings catalog validated them. */
  public static List<byte[]> parseHashes(List<String> hexHashes) {
    return hexHashes.stream().map(hash -> HexFormat.of().parseHex(hash)).toList();
  }

  /** Whether {@code secret} hashes to one of {@code hashes}; every hash is compared, each in constant time. */
  public static boolean matchesAny(String secret, List<byte[]> hashes) {
    return hashMatchesAny(sha256(secret), hashes);
  }

  /** Like {@link #matchesAny(String, List)} for a secret already hashed. */
  public static boolean hashMatchesAny(byte[] presented, List<byte[]> hashes) {
    boolean matched = false;
    for (byte[] hash : hashes) {
      matched |= MessageDigest.isEqual(hash, presented);
    }
    return matched;
  }

  /** The credential of an {@code Authorization: Bearer <credential>} header (scheme in any case), or null. */
  public static String bearerCredential(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
      || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String credential = authorization.substring(BEARER.length()).trim();
    return credential.isEmpty() ? null : credential;
  }

  /** A new random secret of 256 bits, URL-safe text. */
  @Wiring
  public static String generate() {
    byte[] secret = new byte[GENERATED_BYTES];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}

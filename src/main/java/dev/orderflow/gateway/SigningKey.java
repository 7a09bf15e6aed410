package dev.orderflow.gateway;

import dev.orderflow.platform.core.StartupException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys that sign and check customers' tokens, as vertx-auth-jwt reads them: a configured PEM
 * file (private key, then its public key), a configured JWKS file, or, when neither is configured,
 * an EC P-256 key generated on first start under the data dir and reused after. Reading and
 * generating block: call it off the event loop.
 */
record SigningKey(JWTAuthOptions keys, String algorithm, String source) {

  static final String GENERATED_FILE = "jwt-signing-key.pem";
  private static final String GENERATED_NOTE = "not configured; instances behind one load balancer need one shared key"
    + " (ORDERFLOW_JWT_PRIVATE_KEY_FILE); generated under the data dir";
  private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final Map<String, String> ALGORITHM_BY_KEY_TYPE = Map.of("EC", "ES256", "RSA", "RS256");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final int MIN_RSA_BITS = 2048;
  private static final List<String> SIGNING_ALGORITHMS = List.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512");

  /**
   * {@code clustered}: a key generated here would be this gateway's alone, and tokens issued by one
   * gateway of the cluster would be refused by the others; a clustered gateway needs the shared key configured.
   */
  static SigningKey load(TokenOptions options, Path dataDir, boolean clustered) {
    if (!options.jwksFile().isEmpty()) {
      return fromJwks(Path.of(options.jwksFile()));
    }
    if (!options.privateKeyFile().isEmpty()) {
      return fromPem(Path.of(options.privateKeyFile()), "ORDERFLOW_JWT_PRIVATE_KEY_FILE", "configured");
    }
    if (clustered) {
      throw StartupException.of("ORDERFLOW_JWT_PRIVATE_KEY_FILE", "a clustered gateway needs the token signing key all gateways"
        + " of the cluster share (or ORDERFLOW_JWT_JWKS_FILE); create one with: openssl genpkey -algorithm EC -pkeyopt"
        + " ec_paramgen_curve:P-256 -out jwt-key.pem && openssl pkey -in jwt-key.pem -pubout >> jwt-key.pem");
    }
    Path generated = dataDir.resolve(GENERATED_FILE);
    if (Files.exists(generated)) {
      return fromPem(generated, "ORDERFLOW_JWT_PRIVATE_KEY_FILE", GENERATED_NOTE + " on an earlier start");
    }
    generate(generated);
    return fromPem(generated, "ORDERFLOW_JWT_PRIVATE_KEY_FILE", GENERATED_NOTE + " now");
  }

  private static SigningKey fromPem(Path file, String setting, String how) {
    String pem = read(file, setting);
    String privateKey = null;
    String publicKey = null;
    Matcher block = PEM_BLOCK.matcher(pem);
    while (block.find()) {
      switch (block.group(1)) {
        case "PRIVATE KEY" -> privateKey = block.group();
        case "PUBLIC KEY" -> publicKey = block.group();
        default -> throw StartupException.of(setting, file + " holds a " + block.group(1)
          + " block; expected a PKCS#8 PRIVATE KEY followed by its PUBLIC KEY");
      }
    }
    if (privateKey == null || publicKey == null) {
      throw StartupException.of(setting, file + " must hold a PKCS#8 PRIVATE KEY and its PUBLIC KEY (append it: openssl pkey -in "
        + file + " -pubout >> " + file + ")");
    }
    String algorithm = algorithmOf(privateKey, setting, file);
    JWTAuthOptions keys = new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(privateKey))
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(publicKey));
    return new SigningKey(keys, algorithm, "PEM " + file.toAbsolutePath() + " (" + how + ")");
  }

  private static SigningKey fromJwks(Path file) {
    JsonArray jwks;
    try {
      jwks = new JsonObject(read(file, "ORDERFLOW_JWT_JWKS_FILE")).getJsonArray("keys");
    } catch (RuntimeException e) {
      throw StartupException.of("ORDERFLOW_JWT_JWKS_FILE", file + " is not a JWKS document ({\"keys\": [...]})");
    }
    List<JsonObject> signing = new ArrayList<>();
    JWTAuthOptions keys = new JWTAuthOptions();
    for (Object key : jwks == null ? new JsonArray() : jwks) {
      if (!(key instanceof JsonObject jwk)) {
        throw StartupException.of("ORDERFLOW_JWT_JWKS_FILE", file + ": every entry of keys must be a JWK object");
      }
      requireStrongRsa(jwk, file);
      keys.addJwk(jwk);
      if (jwk.containsKey("d")) {
        signing.add(jwk);
      }
    }
    if (signing.size() != 1) {
      throw StartupException.of("ORDERFLOW_JWT_JWKS_FILE", file + " must hold exactly one key with its private part (the signing key), not "
        + signing.size());
    }
    JsonObject signer = signing.get(0);
    String algorithm = signer.getString("alg", ALGORITHM_BY_KEY_TYPE.getOrDefault(signer.getString("kty"), ""));
    if (!SIGNING_ALGORITHMS.contains(algorithm)) {
      throw StartupException.of("ORDERFLOW_JWT_JWKS_FILE", "the signing key's algorithm must be one of " + SIGNING_ALGORITHMS
        + ", not '" + algorithm + "'");
    }
    return new SigningKey(keys, algorithm, "JWKS " + file.toAbsolutePath() + " (configured, " + jwks.size() + " keys)");
  }

  /** ES256 for an EC P-256 key, RS256 for an RSA key: the two the PEM route accepts. */
  private static String algorithmOf(String privateKeyPem, String setting, Path file) {
    byte[] der = Base64.getMimeDecoder().decode(privateKeyPem.replaceAll("-----[A-Z ]+-----", ""));
    for (Map.Entry<String, String> type : ALGORITHM_BY_KEY_TYPE.entrySet()) {
      try {
        var key = KeyFactory.getInstance(type.getKey()).generatePrivate(new PKCS8EncodedKeySpec(der));
        if (key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField().getFieldSize() != 256) {
          throw StartupException.of(setting, file + ": an EC key must be on curve P-256 (ES256)");
        }
        if (key instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
          throw StartupException.of(setting, file + ": an RSA key must have at least " + MIN_RSA_BITS + " bits, not "
            + rsa.getModulus().bitLength());
        }
        return type.getValue();
      } catch (GeneralSecurityException notThisType) {
        // the next key type may read it
      }
    }
    throw StartupException.of(setting, file + ": the private key is neither EC P-256 nor RSA");
  }

  /** Shorter RSA keys are within reach of factoring: no token signed or checked with one is trusted. */
  private static void requireStrongRsa(JsonObject jwk, Path file) {
    if (!"RSA".equals(jwk.getString("kty"))) {
      return;
    }
    int bits;
    try {
      bits = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n", ""))).bitLength();
    } catch (IllegalArgumentException | ClassCastException e) {
      throw StartupException.of("ORDERFLOW_JWT_JWKS_FILE", file + ": an RSA key's modulus (n) is not base64url");
    }
    if (bits < MIN_RSA_BITS) {
      throw StartupException.of("ORDERFLOW_JWT_JWKS_FILE", file + ": RSA key '" + jwk.getString("kid", "without kid") + "' has " + bits
        + " bits; at least " + MIN_RSA_BITS + " are required");
    }
  }

  /** Writes a new P-256 key pair, readable by its owner only, in one atomic move so that no half-written key is ever read. */
  private static void generate(Path file) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
      Files.createDirectories(file.getParent());
      Path written = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? Files.createTempFile(file.getParent(), GENERATED_FILE, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(file.getParent(), GENERATED_FILE, ".tmp");
      Files.writeString(written, pem, StandardCharsets.US_ASCII);
      Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime can generate EC P-256 keys", e);
    } catch (IOException e) {
      throw StartupException.of("ORDERFLOW_DATA_DIR", "cannot write the generated token signing key " + file + ": " + e.getMessage());
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static String read(Path file, String setting) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw StartupException.of(setting, "cannot read " + file + ": " + e.getMessage());
    }
  }
}

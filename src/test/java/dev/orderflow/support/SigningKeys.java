package dev.orderflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Token signing keys as an operator configures them (ORDERFLOW_JWT_PRIVATE_KEY_FILE): a PEM private key followed by its public key. */
public final class SigningKeys {

  private static Path shared;

  private SigningKeys() {
  }

  /** One EC P-256 key file per test JVM: the key every gateway of a test's cluster shares. */
  public static synchronized Path shared() {
    if (shared == null) {
      shared = pemFile(ecPair(), "cluster-key.pem");
    }
    return shared.toAbsolutePath();
  }

  public static KeyPair ecPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The pair as a PEM file in a fresh directory: PRIVATE KEY (PKCS#8), then PUBLIC KEY. */
  public static Path pemFile(KeyPair pair, String name) {
    Path file = TestInstance.newDataDir().resolve(name);
    try {
      Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}

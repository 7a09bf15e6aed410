package dev.orderflow.platform.cluster;

import dev.orderflow.platform.core.StartupException;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS with mutual authentication on the clustered event bus: each node presents its key and
 * certificate (PEM pair or PKCS12) and accepts only peers whose certificate its trust (PEM CA
 * certificates or a PKCS12 trust store) vouches for. Vert.x trusts every peer by default once TLS is
 * on; here that is switched off and client certificates are required, so a member Hazelcast lets in
 * without a trusted certificate exchanges no bus message.
 */
final class ClusterTls {

  private ClusterTls() {
  }

  /** Puts TLS on {@code eventBus} when the {@code cluster} settings ask for it; checks the files exist. */
  static EventBusOptions applyTo(EventBusOptions eventBus, JsonObject cluster) {
    if (!cluster.getBoolean("tls-enabled")) {
      return eventBus;
    }
    return eventBus.setSsl(true)
      .setClientAuth(ClientAuth.REQUIRED)
      .setTrustAll(false)
      .setKeyCertOptions(keyCert(cluster))
      .setTrustOptions(trust(cluster));
  }

  private static KeyCertOptions keyCert(JsonObject cluster) {
    String keystore = cluster.getString("tls-keystore-file");
    if (!keystore.isBlank()) {
      return new PfxOptions().setPath(existing("ORDERFLOW_CLUSTER_TLS_KEYSTORE_FILE", keystore))
        .setPassword(cluster.getString("tls-keystore-password"));
    }
    String key = cluster.getString("tls-key-file");
    String cert = cluster.getString("tls-cert-file");
    if (key.isBlank() || cert.isBlank()) {
      throw StartupException.of("ORDERFLOW_CLUSTER_TLS", "TLS on the event bus needs this node's key and certificate: "
        + "ORDERFLOW_CLUSTER_TLS_KEY_FILE and ORDERFLOW_CLUSTER_TLS_CERT_FILE (PEM), or ORDERFLOW_CLUSTER_TLS_KEYSTORE_FILE (PKCS12)");
    }
    return new PemKeyCertOptions().setKeyPath(existing("ORDERFLOW_CLUSTER_TLS_KEY_FILE", key))
      .setCertPath(existing("ORDERFLOW_CLUSTER_TLS_CERT_FILE", cert));
  }

  private static TrustOptions trust(JsonObject cluster) {
    String truststore = cluster.getString("tls-truststore-file");
    if (!truststore.isBlank()) {
      return new PfxOptions().setPath(existing("ORDERFLOW_CLUSTER_TLS_TRUSTSTORE_FILE", truststore))
        .setPassword(cluster.getString("tls-truststore-password"));
    }
    String trust = cluster.getString("tls-trust-file");
    if (trust.isBlank()) {
      throw StartupException.of("ORDERFLOW_CLUSTER_TLS", "TLS on the event bus needs the certificates to trust: "
        + "ORDERFLOW_CLUSTER_TLS_TRUST_FILE (PEM) or ORDERFLOW_CLUSTER_TLS_TRUSTSTORE_FILE (PKCS12); nothing is trusted by default");
    }
    return new PemTrustOptions().addCertPath(existing("ORDERFLOW_CLUSTER_TLS_TRUST_FILE", trust));
  }

  private static String existing(String setting, String file) {
    if (!Files.isReadable(Path.of(file))) {
      throw StartupException.of(setting, "cannot read '" + file + "'");
    }
    return file;
  }
}

package dev.orderflow.platform.cluster;

import dev.orderflow.platform.core.StartupException;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Event-bus TLS settings: mutual authentication, nothing trusted by default, missing files named at startup")
class ClusterTlsTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("off by default: the bus options are left alone")
  void offByDefault() {
    EventBusOptions options = ClusterTls.applyTo(new EventBusOptions(), settings(false, "", "", ""));
    assertThat(options.isSsl()).isFalse();
  }

  @Test
  @DisplayName("PEM key, certificate and trust: TLS on, client certificates required, trust-all off")
  void pem() throws IOException {
    Path key = Files.writeString(dir.resolve("node.key"), "key");
    Path cert = Files.writeString(dir.resolve("node.crt"), "cert");
    Path trust = Files.writeString(dir.resolve("ca.crt"), "ca");
    EventBusOptions options = ClusterTls.applyTo(new EventBusOptions().setTrustAll(true),
      settings(true, key.toString(), cert.toString(), trust.toString()));
    assertThat(options.isSsl()).isTrue();
    assertThat(options.isTrustAll()).isFalse();
    assertThat(options.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
    assertThat(((PemKeyCertOptions) options.getKeyCertOptions()).getKeyPaths()).containsExactly(key.toString());
    assertThat(((PemTrustOptions) options.getTrustOptions()).getCertPaths()).containsExactly(trust.toString());
  }

  @Test
  @DisplayName("on without a trust, without a key, or with a file that cannot be read: a startup error naming the setting")
  void refusesIncompleteSettings() throws IOException {
    Path key = Files.writeString(dir.resolve("node.key"), "key");
    Path cert = Files.writeString(dir.resolve("node.crt"), "cert");
    assertThatThrownBy(() -> ClusterTls.applyTo(new EventBusOptions(), settings(true, key.toString(), cert.toString(), "")))
      .isInstanceOf(StartupException.class).hasMessageContaining("ORDERFLOW_CLUSTER_TLS_TRUST_FILE");
    assertThatThrownBy(() -> ClusterTls.applyTo(new EventBusOptions(), settings(true, "", "", cert.toString())))
      .isInstanceOf(StartupException.class).hasMessageContaining("ORDERFLOW_CLUSTER_TLS_KEY_FILE");
    assertThatThrownBy(() -> ClusterTls.applyTo(new EventBusOptions(), settings(true, key.toString(), cert.toString(),
      dir.resolve("missing.crt").toString())))
      .isInstanceOf(StartupException.class).hasMessageContaining("ORDERFLOW_CLUSTER_TLS_TRUST_FILE").hasMessageContaining("missing.crt");
  }

  private static JsonObject settings(boolean enabled, String key, String cert, String trust) {
    return new JsonObject().put("tls-enabled", enabled).put("tls-key-file", key).put("tls-cert-file", cert)
      .put("tls-keystore-file", "").put("tls-keystore-password", "").put("tls-trust-file", trust)
      .put("tls-truststore-file", "").put("tls-truststore-password", "");
  }
}

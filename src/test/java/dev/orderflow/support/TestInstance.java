package dev.orderflow.support;

import dev.orderflow.Orderflow;
import dev.orderflow.platform.Instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An in-process Orderflow instance for tests: a free HTTP port, its own temporary data directory,
 * the JVM's shared broker, plus whatever settings the test overrides.
 */
public final class TestInstance implements AutoCloseable {

  private final Instance instance;
  private final Path dataDir;
  private final Http http;
  private final String namespace;

  private TestInstance(Instance instance, Path dataDir, String namespace) {
    this.instance = instance;
    this.dataDir = dataDir;
    this.namespace = namespace;
    this.http = Http.asAdmin(instance.httpEndpoint("gateway"));
  }

  public static TestInstance start(String... settings) {
    Map<String, String> overrides = new HashMap<>(defaults(newDataDir()));
    for (int i = 0; i < settings.length; i += 2) {
      overrides.put(settings[i], settings[i + 1]);
    }
    return new TestInstance(Instance.start(Orderflow.modules(), overrides), Path.of(overrides.get("ORDERFLOW_DATA_DIR")),
      overrides.get("ORDERFLOW_KAFKA_NAMESPACE"));
  }

  /** The settings every test instance starts from: its own Kafka namespace, so groups and topics never mix. */
  public static Map<String, String> defaults(Path dataDir) {
    return Map.of(
      "ORDERFLOW_KAFKA_NAMESPACE", "test-" + UUID.randomUUID().toString().substring(0, 8) + ".",
      "ORDERFLOW_ADMIN_TOKEN_SHA256", Http.ADMIN_TOKEN_SHA256,
      "ORDERFLOW_RATE_LIMIT_ENABLED", "false",
      "ORDERFLOW_HTTP_PORT", "0",
      "ORDERFLOW_PAYMENT_PROVIDER_PORT", "0",
      "ORDERFLOW_PAYMENT_PROVIDER_API_KEY_SHA256", Http.PROVIDER_API_KEY_SHA256,
      "ORDERFLOW_PAYMENTS_PROVIDER_API_KEY", Http.PROVIDER_API_KEY,
      "ORDERFLOW_HTTP_HOST", "127.0.0.1",
      "ORDERFLOW_DATA_DIR", dataDir.toString(),
      "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers());
  }

  public static Path newDataDir() {
    try {
      return Files.createTempDirectory("orderflow-test-data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Instance instance() {
    return instance;
  }

  public Http http() {
    return http;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The Kafka name of a logical topic in this instance's namespace. */
  public String topic(String logicalName) {
    return namespace + logicalName;
  }

  @Override
  public void close() {
    instance.stop();
  }
}

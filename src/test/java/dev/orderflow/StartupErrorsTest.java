package dev.orderflow;

import dev.orderflow.platform.Instance;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.support.TestInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Startup refuses bad settings and unreachable dependencies with one line naming the setting")
class StartupErrorsTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
    "ORDERFLOW_HTTP_PORT|abc|is not a port number",
    "ORDERFLOW_HTTP_PORT|70000|is not a port number",
    "ORDERFLOW_KAFKA_EMBEDDED_PORT|-1|is not a port number",
    "ORDERFLOW_REQUEST_TIMEOUT_MS|0|is not a positive whole number",
    "ORDERFLOW_CATALOG_SEED|maybe|is not true or false",
    "ORDERFLOW_MODULES|catalog,billing|unknown module billing",
    "ORDERFLOW_DB_URL|mysql://localhost/x|is not supported",
    "ORDERFLOW_DB_URL|postgresql://app:S3cretPW@db.example:notaport/x|'postgresql://app:****@db.example:notaport/x' is not a valid PostgreSQL URL",
    "ORDERFLOW_DB_URL|postgresql://postgres@127.0.0.1:1/test|no PostgreSQL answered",
    "ORDERFLOW_DB_SCHEMA_PREFIX|Bad-Prefix|is not a lower-case SQL identifier",
    "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS|127.0.0.1:1|no Kafka broker answered",
    "ORDERFLOW_KAFKA_PROPERTIES|{\"group.id\": \"mine\", \"acks\": 1}|may not set acks, group.id (Orderflow's own client settings)",
    "ORDERFLOW_KAFKA_PROPERTIES|{\"sasl.mechansim\": \"PLAIN\"}|sasl.mechansim is not a Kafka client property",
    "ORDERFLOW_KAFKA_PROPERTIES|{\"sasl.jaas.config\": [\"x\"]}|the value of 'sasl.jaas.config' must be a string, number or boolean",
    "ORDERFLOW_KAFKA_PROPERTIES|[]|is not a JSON object",
    "ORDERFLOW_KAFKA_PROPERTIES|{\"sasl.jaas.config\": \"PlainLoginModule s3cret required;\"}|sasl.jaas.config is not a valid JAAS configuration",
    "ORDERFLOW_KAFKA_PROPERTIES|{\"security.protocol\": \"TLS\"}|the Kafka clients cannot be created: Invalid value TLS for configuration security.protocol",
    "ORDERFLOW_KAFKA_PROPERTIES_FILE|/nonexistent/kafka.properties|cannot read '/nonexistent/kafka.properties'",
    "ORDERFLOW_CONFIG_FILE|/nonexistent/orderflow.json|cannot read",
    "ORDERFLOW_KAFKA_BRIDGE|{\"inbound\": [{\"topic\": \"x\"}]}|inbound mapping 1",
    "ORDERFLOW_KAFKA_BRIDGE|{\"outbound\": [{\"address\": \"a\", \"topic\": \"no spaces allowed\"}]}|outbound mapping 1",
    "ORDERFLOW_KAFKA_BRIDGE|not json|is not a JSON object",
    "ORDERFLOW_ADMIN_TOKEN_SHA256|my-plain-secret|is not a SHA-256 hash",
    "ORDERFLOW_API_KEYS_SHA256|my-plain-secret|is not a SHA-256 hash",
    "ORDERFLOW_PAYMENTS_PROVIDER_URL|http://psp.example.com/api|would send the provider's secret key in the clear",
    "ORDERFLOW_KAFKA_PROPERTIES|{\"sasl.jaas.config\": \"PlainLoginModule s3cret required;\"|is not a JSON object",
    "ORDERFLOW_TRUSTED_PROXIES|10.0.0.0/99|has no valid prefix length (0-32)",
    "ORDERFLOW_TRUSTED_PROXIES|proxy.example.com|is not an IP address or CIDR range",
    "ORDERFLOW_PAYMENT_PROVIDER_API_KEY_SHA256|my-plain-secret|is not a SHA-256 hash",
    "ORDERFLOW_PAYMENT_PROVIDER_API_KEY_SHA256|''|is required because ORDERFLOW_PAYMENTS_PROVIDER_API_KEY is set",
    "ORDERFLOW_PAYMENTS_PROVIDER_API_KEY|''|is required because ORDERFLOW_PAYMENT_PROVIDER_API_KEY_SHA256 is set",
    "ORDERFLOW_RATE_LIMITS|{\"perClient\": {\"rate\": 0, \"burst\": 1}, \"global\": {\"rate\": 1, \"burst\": 1}}|perClient needs a positive rate"
  })
  void refuses(String setting, String value, String problem) {
    assertRefused(setting, problem, setting, value);
  }

  @ParameterizedTest(name = "{0} without {1}")
  @CsvSource(delimiter = '|', value = {
    "payment-provider,gateway|ORDERFLOW_PAYMENT_PROVIDER_API_KEY_SHA256",
    "payments,gateway|ORDERFLOW_PAYMENTS_PROVIDER_API_KEY"
  })
  @DisplayName("a payment provider key side left empty is refused when the other side does not run here to share a generated key")
  void refusesAnUngeneratableKey(String modules, String setting) {
    assertRefused(setting, "does not run in this instance", "ORDERFLOW_MODULES", modules,
      "ORDERFLOW_PAYMENT_PROVIDER_API_KEY_SHA256", "", "ORDERFLOW_PAYMENTS_PROVIDER_API_KEY", "");
  }

  private static void assertRefused(String setting, String problem, String... overrides) {
    Map<String, String> settings = new HashMap<>(TestInstance.defaults(TestInstance.newDataDir()));
    settings.put("ORDERFLOW_RATE_LIMIT_ENABLED", "true");
    for (int i = 0; i < overrides.length; i += 2) {
      settings.put(overrides[i], overrides[i + 1]);
    }
    settings.put("ORDERFLOW_STARTUP_CHECK_TIMEOUT_MS", "1500");

    assertThatThrownBy(() -> Instance.start(Orderflow.modules(), settings))
      .isInstanceOf(StartupException.class)
      .hasMessageStartingWith(setting + ": ")
      .hasMessageContaining(problem)
      .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("s3cret").doesNotContain("S3cretPW"));
  }

  @Test
  @DisplayName("Kafka client properties without an external Kafka are refused: the embedded broker has no TLS or SASL")
  void refusesClientPropertiesForTheEmbeddedBroker() {
    Map<String, String> settings = new HashMap<>(TestInstance.defaults(TestInstance.newDataDir()));
    settings.put("ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", "");
    settings.put("ORDERFLOW_KAFKA_PROPERTIES", "{\"security.protocol\": \"SSL\"}");

    assertThatThrownBy(() -> Instance.start(Orderflow.modules(), settings))
      .isInstanceOf(StartupException.class)
      .hasMessage("ORDERFLOW_KAFKA_PROPERTIES: applies to an external Kafka only (ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS); "
        + "the embedded broker listens on 127.0.0.1 without TLS or SASL");
  }
}

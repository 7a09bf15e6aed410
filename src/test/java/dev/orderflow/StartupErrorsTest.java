package dev.orderflow;

import dev.orderflow.platform.Instance;
import dev.orderflow.platform.StartupException;
import dev.orderflow.support.TestInstance;
import org.junit.jupiter.api.DisplayName;
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
    "ORDERFLOW_CONFIG_FILE|/nonexistent/orderflow.json|cannot read",
    "ORDERFLOW_KAFKA_BRIDGE|{\"inbound\": [{\"topic\": \"x\"}]}|inbound mapping 1",
    "ORDERFLOW_KAFKA_BRIDGE|{\"outbound\": [{\"address\": \"a\", \"topic\": \"no spaces allowed\"}]}|outbound mapping 1",
    "ORDERFLOW_KAFKA_BRIDGE|not json|is not a JSON object",
    "ORDERFLOW_ADMIN_TOKEN_SHA256|my-plain-secret|is not a SHA-256 hash",
    "ORDERFLOW_RATE_LIMITS|{\"perClient\": {\"rate\": 0, \"burst\": 1}, \"global\": {\"rate\": 1, \"burst\": 1}}|perClient needs a positive rate"
  })
  void refuses(String setting, String value, String problem) {
    Map<String, String> settings = new HashMap<>(TestInstance.defaults(TestInstance.newDataDir()));
    settings.put("ORDERFLOW_RATE_LIMIT_ENABLED", "true");
    settings.put(setting, value);
    settings.put("ORDERFLOW_STARTUP_CHECK_TIMEOUT_MS", "1500");

    assertThatThrownBy(() -> Instance.start(Orderflow.modules(), settings))
      .isInstanceOf(StartupException.class)
      .hasMessageStartingWith(setting + ": ")
      .hasMessageContaining(problem)
      .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("S3cretPW"));
  }
}

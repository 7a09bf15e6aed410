package dev.orderflow;

import dev.orderflow.support.JarProcess;
import dev.orderflow.support.TestInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The jar refuses a bad configuration with one line on stderr and a non-zero exit")
class ConfigErrorsIT {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
    "ORDERFLOW_HTTP_PORT|abc",
    "ORDERFLOW_MODULES|catalog,nonsense",
    "ORDERFLOW_DB_URL|postgresql://postgres@127.0.0.1:1/test",
    "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS|127.0.0.1:1"
  })
  void refusesBadSetting(String setting, String value) {
    try (JarProcess jar = JarProcess.start(TestInstance.newDataDir(),
      Map.of(setting, value, "ORDERFLOW_STARTUP_CHECK_TIMEOUT_MS", "2000"))) {
      int exitCode = jar.awaitExit(Duration.ofSeconds(30));

      assertThat(exitCode).isEqualTo(2);
      assertThat(jar.stderr().strip()).startsWith("orderflow: " + setting + ": ").doesNotContain("\n").doesNotContain("\tat ");
      assertThat(jar.stdout()).doesNotContain("\tat ").doesNotContain("Exception");
    }
  }

  @Test
  @DisplayName("a taken HTTP port is named as ORDERFLOW_HTTP_PORT")
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
         JarProcess jar = JarProcess.start(TestInstance.newDataDir(), taken.getLocalPort(), JarProcess.freePort(), Map.of())) {
      int exitCode = jar.awaitExit(Duration.ofSeconds(60));

      assertThat(exitCode).isEqualTo(2);
      assertThat(jar.stderr().strip()).startsWith("orderflow: ORDERFLOW_HTTP_PORT: cannot listen on 127.0.0.1:" + taken.getLocalPort())
        .doesNotContain("\n");
    }
  }
}

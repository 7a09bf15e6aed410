package dev.orderflow.platform.sql;

import dev.orderflow.platform.core.StartupException;
import dev.orderflow.support.Postgres;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.Driver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ORDERFLOW_DB_URL: errors never show the password, query parameters reach every connection")
class DatabaseUrlTest {

  private static final Path DATA_DIR = Path.of("data");
  private static final String USER = PgConnectOptions.fromUri(Postgres.URL).getUser();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "postgresql://app:S3cretPW@db.example:notaport/shop",
    "postgresql://app:S3cretPW@db.example:99999/shop",
    "postgresql://app:S3c@retPW@db.example/shop",
    "postgresql://app:S3cretPW@db.example/shop?sslmode=bogus",
    "postgresql://app:S3cretPW@db.example/shop?sslmode=verify-full",
    "postgresql://db.example/shop?user=app&password=S3cretPW&sslmode",
    "mysql://app:S3cretPW@db.example/shop"
  })
  @DisplayName("a malformed URL is refused with its password masked")
  void malformedUrlHidesThePassword(String url) {
    assertThatThrownBy(() -> DatabaseUrl.from(url, DATA_DIR, ""))
      .isInstanceOf(StartupException.class)
      .hasMessageStartingWith("ORDERFLOW_DB_URL: ")
      .hasMessageContaining("****")
      .satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3cret").doesNotContain("retPW"));
  }

  @Test
  @DisplayName("Flyway's JDBC URL keeps the URL's parameters under pgjdbc's names and leaves the credentials out")
  void jdbcUrlKeepsParameters() throws Exception {
    DatabaseUrl url = DatabaseUrl.from("postgresql://app:S3cretPW@db.example:6432/shop"
      + "?sslmode=verify-full&sslrootcert=/etc/orderflow/ca.pem&application_name=orderflow&connect_timeout=7", DATA_DIR, "");

    String jdbcUrl = url.jdbcUrlFor("orders");
    Properties parsed = Driver.parseURL(jdbcUrl, new Properties());

    assertThat(jdbcUrl).doesNotContain("S3cretPW").doesNotContain("app:");
    assertThat(parsed.getProperty("PGHOST")).isEqualTo("db.example");
    assertThat(parsed.getProperty("PGPORT")).isEqualTo("6432");
    assertThat(parsed.getProperty("PGDBNAME")).isEqualTo("shop");
    assertThat(parsed.getProperty("sslmode")).isEqualTo("verify-full");
    assertThat(parsed.getProperty("sslrootcert")).isEqualTo("/etc/orderflow/ca.pem");
    assertThat(parsed.getProperty("ApplicationName")).isEqualTo("orderflow");
    assertThat(parsed.getProperty("connectTimeout")).isEqualTo("7");
  }

  @Test
  @DisplayName("the application's connections verify the server against sslrootcert and its host name under verify-full")
  void pgOptionsVerifyTheServer() {
    PgConnectOptions options = DatabaseUrl.from(
      "postgresql://app:S3cretPW@db.example/shop?sslmode=verify-full&sslrootcert=/etc/orderflow/ca.pem", DATA_DIR, "").pgOptions();

    assertThat(options.getSslOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(options.getSslOptions().getTrustOptions()).isInstanceOfSatisfying(PemTrustOptions.class,
      trust -> assertThat(trust.getCertPaths()).containsExactly("/etc/orderflow/ca.pem"));
  }

  @Test
  @DisplayName("migrations honour sslmode: require against a server without TLS fails instead of migrating in clear text")
  void migrationConnectionHonoursSslMode() throws Exception {
    DatabaseUrl plain = DatabaseUrl.from(Postgres.URL + "?application_name=orderflow-url-test", DATA_DIR, "");
    try (Connection connection = DriverManager.getConnection(plain.jdbcUrlFor("orders"), USER, null);
         ResultSet row = connection.createStatement().executeQuery("SHOW application_name")) {
      row.next();
      assertThat(row.getString(1)).isEqualTo("orderflow-url-test");
    }

    DatabaseUrl requiringTls = DatabaseUrl.from(Postgres.URL + "?sslmode=require", DATA_DIR, "");
    assertThatThrownBy(() -> DriverManager.getConnection(requiringTls.jdbcUrlFor("orders"), USER, null).close())
      .hasMessageContaining("SSL");
  }
}

package dev.orderflow.platform.sql;

import dev.orderflow.platform.core.StartupException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which database the instance uses, from {@code ORDERFLOW_DB_URL}: empty means one embedded
 * SQLite file per module in the data directory, a {@code postgresql://} URL means one schema per
 * module in that PostgreSQL database. The URL's query parameters (libpq names: {@code sslmode},
 * {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code application_name}, ...) reach both
 * the application's connections and Flyway's JDBC connection.
 */
public record DatabaseUrl(Vendor vendor, Path dataDir, String url, String schemaPrefix) {

  static final String SETTING = "ORDERFLOW_DB_URL";
  private static final Pattern SCHEMA_PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,40}|");
  // Greedy up to the last '@': in a malformed URL the password itself may hold '@', '/' or '?'.
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^:/@]*:).*@");
  private static final Pattern PARAMETER_PASSWORD = Pattern.compile("(password=)[^&\"\\s]*", Pattern.CASE_INSENSITIVE);
  /** Parameters the JDBC URL carries elsewhere (host, port, database) or must not carry (credentials). */
  private static final Set<String> NOT_IN_JDBC_QUERY = Set.of("host", "hostaddr", "port", "dbname", "user", "password",
    "search_path", "sslmode");
  /** libpq's parameter names that pgjdbc spells differently. */
  private static final Map<String, String> PGJDBC_NAMES = Map.of(
    "application_name", "ApplicationName",
    "connect_timeout", "connectTimeout");

  enum Vendor {
    SQLITE, POSTGRESQL;

    String folder() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static DatabaseUrl from(String url, Path dataDir, String schemaPrefix) {
    if (!SCHEMA_PREFIX.matcher(schemaPrefix).matches()) {
      throw StartupException.of("ORDERFLOW_DB_SCHEMA_PREFIX", "'" + schemaPrefix + "' is not a lower-case SQL identifier");
    }
    if (url.isEmpty()) {
      return new DatabaseUrl(Vendor.SQLITE, dataDir, url, schemaPrefix);
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      DatabaseUrl postgres = new DatabaseUrl(Vendor.POSTGRESQL, dataDir, url, schemaPrefix);
      try {
        postgres.pgOptions();
      } catch (RuntimeException e) {
        throw StartupException.of(SETTING, "'" + masked(url) + "' is not a valid PostgreSQL URL: " + masked(reason(e)));
      }
      return postgres;
    }
    throw StartupException.of(SETTING, "'" + masked(url) + "' is not supported: leave it empty for embedded SQLite or give a postgresql:// URL");
  }

  /** The parser's own reason, not its wrapper's message, which repeats the whole URL. */
  private static String reason(Throwable e) {
    return e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : String.valueOf(e.getMessage());
  }

  /**
   * vertx-pg-client reads {@code sslmode} from the URL but no certificate file, and refuses
   * {@code verify-ca}/{@code verify-full} without trust options: map libpq's file parameters.
   */
  PgConnectOptions pgOptions() {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    Map<String, String> parameters = parameters();
    ClientSSLOptions ssl = options.getSslOptions() == null ? new ClientSSLOptions() : options.getSslOptions();
    if (parameters.containsKey("sslrootcert")) {
      ssl.setTrustOptions(new PemTrustOptions().addCertPath(parameters.get("sslrootcert")));
    } else if (options.getSslMode() == SslMode.VERIFY_CA || options.getSslMode() == SslMode.VERIFY_FULL) {
      throw new IllegalArgumentException("sslmode=" + options.getSslMode().value + " needs sslrootcert=<file of the CA certificate (PEM)>");
    }
    if (parameters.containsKey("sslcert") || parameters.containsKey("sslkey")) {
      ssl.setKeyCertOptions(new PemKeyCertOptions().setCertPath(parameters.get("sslcert")).setKeyPath(parameters.get("sslkey")));
    }
    if (options.getSslMode() == SslMode.VERIFY_FULL) {
      ssl.setHostnameVerificationAlgorithm("HTTPS");
    }
    return options.setSslOptions(ssl);
  }

  String jdbcUrlFor(String module) {
    if (vendor == Vendor.SQLITE) {
      // without jdbc.get_generated_keys=false sqlite-jdbc runs "SELECT last_insert_rowid()" after every INSERT; nothing here reads it
      return "jdbc:sqlite:" + sqliteFile(module) + "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000&jdbc.get_generated_keys=false";
    }
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    String host = options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost();
    // The effective sslmode (the URL's, else PGSSLMODE, else disable) so that both sides agree: pgjdbc's default is prefer.
    String query = parameters().entrySet().stream()
      .filter(parameter -> !NOT_IN_JDBC_QUERY.contains(parameter.getKey()))
      .map(parameter -> "&" + PGJDBC_NAMES.getOrDefault(parameter.getKey(), parameter.getKey()) + "="
        + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
      .collect(Collectors.joining());
    return "jdbc:postgresql://" + host + ":" + options.getPort() + "/" + URLEncoder.encode(options.getDatabase(), StandardCharsets.UTF_8)
      + "?sslmode=" + options.getSslMode().value + query;
  }

  private Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    new QueryStringDecoder(url).parameters().forEach((name, values) -> parameters.put(name, values.get(values.size() - 1)));
    return parameters;
  }

  Path sqliteFile(String module) {
    return dataDir.resolve(module + ".db").toAbsolutePath();
  }

  String schemaFor(String module) {
    return schemaPrefix + module.replace('-', '_');
  }

  String describe() {
    return vendor == Vendor.SQLITE
      ? "jdbc:sqlite:" + dataDir.toAbsolutePath().normalize() + "/<module>.db (embedded SQLite, WAL, synchronous=FULL)"
      : masked(url) + " (PostgreSQL, one schema per module" + (schemaPrefix.isEmpty() ? "" : ", prefix " + schemaPrefix) + ")";
  }

  /** {@code text} with any password of a database URL (user info, {@code password=}, {@code sslpassword=}) replaced by stars. */
  public static String masked(String text) {
    String masked = USER_INFO_PASSWORD.matcher(text).replaceFirst("$1****@");
    return PARAMETER_PASSWORD.matcher(masked).replaceAll("$1****");
  }
}

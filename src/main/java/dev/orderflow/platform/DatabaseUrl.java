package dev.orderflow.platform;

import io.vertx.pgclient.PgConnectOptions;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Which database the instance uses, from {@code ORDERFLOW_DB_URL}: empty means one embedded
 * SQLite file per module in the data directory, a {@code postgresql://} URL means one schema per
 * module in that PostgreSQL database.
 */
record DatabaseUrl(Vendor vendor, Path dataDir, String url, String schemaPrefix) {

  static final String SETTING = "ORDERFLOW_DB_URL";
  private static final Pattern SCHEMA_PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,40}|");
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^:/@]+:)[^@]*@");
  private static final Pattern QUERY_PASSWORD = Pattern.compile("([?&]password=)[^&]*");

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
      try {
        PgConnectOptions.fromUri(url);
      } catch (RuntimeException e) {
        throw StartupException.of(SETTING, "'" + masked(url) + "' is not a valid PostgreSQL URL: " + e.getMessage());
      }
      return new DatabaseUrl(Vendor.POSTGRESQL, dataDir, url, schemaPrefix);
    }
    throw StartupException.of(SETTING, "'" + masked(url) + "' is not supported: leave it empty for embedded SQLite or give a postgresql:// URL");
  }

  PgConnectOptions pgOptions() {
    return PgConnectOptions.fromUri(url);
  }

  String jdbcUrlFor(String module) {
    if (vendor == Vendor.SQLITE) {
      return "jdbc:sqlite:" + sqliteFile(module) + "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000";
    }
    PgConnectOptions options = pgOptions();
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
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

  static String masked(String url) {
    String masked = USER_INFO_PASSWORD.matcher(url).replaceFirst("$1****@");
    return QUERY_PASSWORD.matcher(masked).replaceAll("$1****");
  }
}

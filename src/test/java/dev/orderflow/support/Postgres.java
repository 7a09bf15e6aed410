package dev.orderflow.support;

import io.vertx.pgclient.PgConnectOptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The machine's PostgreSQL (127.0.0.1:5432, database test): unique schema prefixes per test, dropped after. */
public final class Postgres {

  public static final String URL = System.getenv().getOrDefault("ORDERFLOW_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test");

  private Postgres() {
  }

  public static String uniqueSchemaPrefix() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
  }

  /** A JDBC connection to the test database whose search path is {@code schema}. */
  public static Connection connect(String schema) throws SQLException {
    PgConnectOptions options = PgConnectOptions.fromUri(URL);
    String jdbcUrl = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase()
      + (schema.isEmpty() ? "" : "?currentSchema=" + schema);
    return DriverManager.getConnection(jdbcUrl, options.getUser(), options.getPassword());
  }

  /** Drops every schema whose name starts with {@code prefix}. */
  public static void dropSchemas(String prefix) {
    try (Connection connection = connect("")) {
      List<String> schemas = new ArrayList<>();
      try (ResultSet rows = connection.createStatement()
        .executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE '" + prefix + "%'")) {
        while (rows.next()) {
          schemas.add(rows.getString(1));
        }
      }
      for (String schema : schemas) {
        connection.createStatement().execute("DROP SCHEMA \"" + schema + "\" CASCADE");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

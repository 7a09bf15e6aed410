package dev.orderflow.checkout;

import dev.orderflow.support.Postgres;
import org.junit.jupiter.api.DisplayName;

import java.sql.Connection;
import java.sql.SQLException;

@DisplayName("Checkout saga on PostgreSQL")
class CheckoutPostgresTest extends CheckoutScenarios {

  private static final String PREFIX = Postgres.uniqueSchemaPrefix();

  @Override
  String[] databaseSettings() {
    return new String[] {"ORDERFLOW_DB_URL", Postgres.URL, "ORDERFLOW_DB_SCHEMA_PREFIX", PREFIX};
  }

  @Override
  Connection moduleDatabase(String module) throws SQLException {
    return Postgres.connect(PREFIX + module);
  }

  @Override
  void afterStop() {
    Postgres.dropSchemas(PREFIX);
  }
}

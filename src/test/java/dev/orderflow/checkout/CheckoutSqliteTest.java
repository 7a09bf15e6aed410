package dev.orderflow.checkout;

import org.junit.jupiter.api.DisplayName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

@DisplayName("Checkout saga on embedded SQLite")
class CheckoutSqliteTest extends CheckoutScenarios {

  @Override
  String[] databaseSettings() {
    return new String[0];
  }

  @Override
  Connection moduleDatabase(String module) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + orderflow.dataDir().resolve(module + ".db").toAbsolutePath());
  }
}

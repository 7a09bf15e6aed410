package dev.orderflow.checkout;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Checkout saga on embedded SQLite")
class CheckoutSqliteTest extends CheckoutScenarios {

  @Override
  String[] databaseSettings() {
    return new String[0];
  }
}

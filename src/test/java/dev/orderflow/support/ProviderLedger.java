package dev.orderflow.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the payment provider stand-in holds, read from its own database file: the ground truth of "charged once". */
public final class ProviderLedger {

  private ProviderLedger() {
  }

  /** How many charges (captured or declined) the provider holds for an order. */
  public static long charges(Path dataDir, String orderId) {
    return count(dataDir, orderId, "SELECT COUNT(*) FROM charges WHERE order_id = ?");
  }

  /** What the provider keeps of an order's money, in minor units: captured minus refunded. */
  public static long keptMinor(Path dataDir, String orderId) {
    return count(dataDir, orderId, "SELECT COALESCE(SUM(amount_minor - refunded_minor), 0) FROM charges WHERE order_id = ? AND status = 'captured'");
  }

  private static long count(Path dataDir, String orderId, String sql) {
    String url = "jdbc:sqlite:" + dataDir.resolve("payment-provider.db").toAbsolutePath();
    try (Connection connection = DriverManager.getConnection(url);
         PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, orderId);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

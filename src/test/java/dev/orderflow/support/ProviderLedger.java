package dev.orderflow.support;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

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

  /**
   * After a crash and restart: a confirmed order was charged exactly once and the provider keeps its
   * total; any other order was charged at most once and the provider keeps nothing of it. Answers
   * whether the order is confirmed.
   */
  public static boolean assertChargedOnce(Path dataDir, JsonObject order) {
    String orderId = order.getString("id");
    long charges = charges(dataDir, orderId);
    long kept = keptMinor(dataDir, orderId);
    assertThat(charges).as("provider charges of order %s", orderId).isLessThanOrEqualTo(1);
    if (!"CONFIRMED".equals(order.getString("status"))) {
      assertThat(kept).as("the provider keeps nothing of %s order %s", order.getString("status"), orderId).isZero();
      return false;
    }
    assertThat(charges).as("a confirmed order was charged exactly once: %s", orderId).isEqualTo(1);
    assertThat(kept).as("the provider keeps the total of confirmed order %s", orderId)
      .isEqualTo(new BigDecimal(order.getValue("total").toString()).movePointRight(2).longValueExact());
    return true;
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

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

/** What the payment provider stand-in holds, read from its own database: the ground truth of "charged once". */
public final class ProviderLedger {

  private static final String CHARGES = "SELECT COUNT(*) FROM charges WHERE order_id = ?";
  private static final String KEPT_MINOR =
    "SELECT COALESCE(SUM(amount_minor - refunded_minor), 0) FROM charges WHERE order_id = ? AND status = 'captured'";

  /** Opens a connection to the stand-in's database. */
  @FunctionalInterface
  public interface Source {
    Connection open() throws SQLException;
  }

  private ProviderLedger() {
  }

  /** The stand-in's SQLite file in an instance's data dir. */
  public static Source sqlite(Path dataDir) {
    return () -> DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("payment-provider.db").toAbsolutePath());
  }

  /** The stand-in's schema in the test PostgreSQL, for an instance started with {@code schemaPrefix}. */
  public static Source postgres(String schemaPrefix) {
    return () -> Postgres.connect(schemaPrefix + "payment_provider");
  }

  /** How many charges (captured or declined) the provider holds for an order. */
  public static long charges(Path dataDir, String orderId) {
    return charges(sqlite(dataDir), orderId);
  }

  public static long charges(Source source, String orderId) {
    return withConnection(source, ledger -> count(ledger, orderId, CHARGES));
  }

  /** What the provider keeps of an order's money, in minor units: captured minus refunded. */
  public static long keptMinor(Path dataDir, String orderId) {
    return withConnection(sqlite(dataDir), ledger -> count(ledger, orderId, KEPT_MINOR));
  }

  /** Runs {@code work} on one connection to the ledger (many orders checked over one connection, not one each). */
  public static <T> T withConnection(Source source, SqlWork<T> work) {
    try (Connection ledger = source.open()) {
      return work.apply(ledger);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Work on a ledger connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection ledger) throws SQLException;
  }

  /**
   * After a crash and restart: a confirmed order was charged exactly once and the provider keeps its
   * total; any other order was charged at most once and the provider keeps nothing of it. Answers
   * whether the order is confirmed.
   */
  public static boolean assertChargedOnce(Connection ledger, JsonObject order) throws SQLException {
    String orderId = order.getString("id");
    long charges = count(ledger, orderId, CHARGES);
    long kept = count(ledger, orderId, KEPT_MINOR);
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

  private static long count(Connection ledger, String orderId, String sql) throws SQLException {
    try (PreparedStatement query = ledger.prepareStatement(sql)) {
      query.setString(1, orderId);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}

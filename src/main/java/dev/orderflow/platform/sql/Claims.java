package dev.orderflow.platform.sql;

import java.sql.SQLException;
import java.util.Map;

/**
 * First-come claims on an order: two operations that must not pass each other (a charge and its
 * refund, a reservation and its release) both write a claim row under the order's key before
 * anything else, in the same transaction as their effect. On PostgreSQL a claim still uncommitted
 * in another instance makes the second writer wait for it; within one instance the group-commit
 * writer orders them.
 */
public final class Claims {

  private Claims() {
  }

  /**
   * Runs {@code claimStatement} (an insert or upsert with {@code #{orderId}} and {@code #{now}})
   * and answers the claim that holds afterwards, read by {@code claimedQuery} (one row, column {@code claim}).
   */
  public static String claim(Transaction tx, String claimStatement, String claimedQuery, String orderId) throws SQLException {
    tx.update(claimStatement, Map.of("orderId", orderId, "now", System.currentTimeMillis()));
    return tx.queryFirst(claimedQuery, Map.of("orderId", orderId)).orElseThrow().getString("claim");
  }
}

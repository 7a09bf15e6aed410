package dev.orderflow.payments;

/**
 * Every statement of the payments store. Each outcome update names the states it may leave, so
 * that a late or concurrent answer never overwrites a settled payment, and a definite failure never
 * hides an earlier uncertain one. The card token goes in the write that makes the payment final
 * (captured, declined, refunded, or failed on an order called off): only a charge sent again needs it.
 */
final class PaymentsSql {

  static final String FIND = """
    SELECT order_id, status, amount_minor, currency, token, charge_id, refund_id, reason, created_at, updated_at
    FROM payments WHERE order_id = #{orderId}""";
  static final String INSERT_PENDING = """
    INSERT INTO payments (order_id, status, amount_minor, currency, token, created_at, updated_at)
    VALUES (#{orderId}, 'PENDING', #{amountMinor}, #{currency}, #{token}, #{now}, #{now})""";
  static final String MARK_CAPTURED = """
    UPDATE payments SET status = 'CAPTURED', charge_id = #{chargeId}, reason = NULL, token = NULL, updated_at = #{now}
    WHERE order_id = #{orderId} AND status IN ('PENDING', 'UNKNOWN', 'FAILED')""";
  static final String MARK_DECLINED = """
    UPDATE payments SET status = 'DECLINED', reason = #{reason}, token = NULL, updated_at = #{now}
    WHERE order_id = #{orderId} AND status IN ('PENDING', 'UNKNOWN', 'FAILED')""";
  static final String MARK_UNKNOWN = """
    UPDATE payments SET status = 'UNKNOWN', reason = #{reason}, updated_at = #{now}
    WHERE order_id = #{orderId} AND status IN ('PENDING', 'UNKNOWN', 'FAILED')""";
  static final String MARK_FAILED = """
    UPDATE payments SET status = 'FAILED', reason = #{reason}, updated_at = #{now}
    WHERE order_id = #{orderId} AND status IN ('PENDING', 'FAILED')""";
  static final String MARK_REFUNDED = """
    UPDATE payments SET status = 'REFUNDED', refund_id = #{refundId}, token = NULL, updated_at = #{now}
    WHERE order_id = #{orderId} AND status = 'CAPTURED'""";
  static final String FORGET_TOKEN_IF_CALLED_OFF = """
    UPDATE payments SET token = NULL
    WHERE order_id = #{orderId} AND status = 'FAILED'
      AND EXISTS (SELECT 1 FROM payment_claims WHERE order_id = #{orderId} AND claim = 'void')""";
  static final String CLAIM_CHARGE = """
    INSERT INTO payment_claims (order_id, claim, claimed_at) VALUES (#{orderId}, 'charge', #{now}) ON CONFLICT (order_id) DO NOTHING""";
  static final String CLAIM_VOID = """
    INSERT INTO payment_claims (order_id, claim, claimed_at) VALUES (#{orderId}, 'void', #{now})
    ON CONFLICT (order_id) DO UPDATE SET claim = 'void', claimed_at = #{now}""";
  static final String CLAIMED = "SELECT claim FROM payment_claims WHERE order_id = #{orderId}";
  static final String CAPTURED_TOTALS = """
    SELECT currency, SUM(amount_minor) AS total FROM payments WHERE status IN ('CAPTURED', 'REFUNDED') GROUP BY currency""";
  static final String REFUNDED_TOTALS = """
    SELECT currency, SUM(amount_minor) AS total FROM payments WHERE status = 'REFUNDED' GROUP BY currency""";

  private PaymentsSql() {
  }
}

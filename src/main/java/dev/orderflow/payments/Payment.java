package dev.orderflow.payments;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * One recorded payment of an order: what was asked, where it stands, and the provider's ids. The
 * card token is null once the payment is final (see {@link PaymentsSql}).
 */
record Payment(String orderId, String status, BigDecimal amount, Currency currency, String token,
               String chargeId, String refundId, String reason, long createdAt, long updatedAt) {

  /** Captured or declined: the provider's answer is known and will not change by charging again. */
  boolean settled() {
    return PaymentsContract.CAPTURED.equals(status) || PaymentsContract.DECLINED.equals(status)
      || PaymentsContract.REFUNDED.equals(status);
  }

  /** A charge may have happened without us knowing its outcome. */
  boolean uncertain() {
    return PaymentsContract.PENDING.equals(status) || PaymentsContract.UNKNOWN.equals(status);
  }

  /** The token is compared while it is kept; a final payment no longer has it, and charges nobody again. */
  boolean sameChargeAs(ChargeRequest request) {
    return amount.compareTo(request.amount()) == 0 && currency.equals(request.currency())
      && (token == null || token.equals(request.token()));
  }

  ChargeRequest chargeRequest() {
    return new ChargeRequest(orderId, amount, currency, token);
  }

  /** The reply of {@code charge} and {@code refund} for this payment's current state. */
  JsonObject outcome() {
    JsonObject json = new JsonObject().put("orderId", orderId).put("status", status);
    putIfPresent(json, "chargeId", chargeId);
    putIfPresent(json, "refundId", refundId);
    putIfPresent(json, "reason", reason);
    return json.put("amount", amount.toPlainString()).put("currency", currency.getCurrencyCode());
  }

  /**
   * An entry of {@code list-payments}; the card token is never listed. Its times are ISO 8601 in
   * createdAtIso and updatedAtIso, as every other time of the API; createdAt and updatedAt stay epoch
   * milliseconds for the clients of the first contract.
   */
  JsonObject toListJson() {
    return outcome().put("createdAt", createdAt).put("updatedAt", updatedAt)
      .put("createdAtIso", Instant.ofEpochMilli(createdAt).toString()).put("updatedAtIso", Instant.ofEpochMilli(updatedAt).toString());
  }

  private static void putIfPresent(JsonObject json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}

package dev.orderflow.payments;

import dev.orderflow.platform.core.Amounts;
import dev.orderflow.platform.sql.Claims;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Queries;
import dev.orderflow.platform.sql.Transaction;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The payments table; every write is one transaction of the group-commit writer. */
final class PaymentsStore {

  private static final String VOID = "void";

  private final Database database;

  PaymentsStore(Database database) {
    this.database = database;
  }

  /**
   * Records a new charge attempt as PENDING, in one write, before the provider is called; when the
   * order already has a payment, changes nothing and returns that one instead. An order whose
   * payment was called off ({@link #callOff}) is refused: its checkout has turned back.
   */
  Future<Begun> begin(ChargeRequest request) {
    return database.write(tx -> {
      String claim = Claims.claim(tx, PaymentsSql.CLAIM_CHARGE, PaymentsSql.CLAIMED, request.orderId());
      if (VOID.equals(claim)) {
        throw new Refusal(409, "orderId: the payment of order " + request.orderId() + " was called off by a refund");
      }
      Optional<Payment> existing = find(tx, request.orderId());
      return existing.isPresent() ? new Begun(existing.get(), false) : insertPending(tx, request);
    });
  }

  private static Begun insertPending(Transaction tx, ChargeRequest request) throws SQLException {
    Map<String, Object> row = new HashMap<>();
    row.put("orderId", request.orderId());
    row.put("amountMinor", request.amountMinor());
    row.put("currency", request.currency().getCurrencyCode());
    row.put("token", request.token());
    row.put("now", System.currentTimeMillis());
    tx.update(PaymentsSql.INSERT_PENDING, row);
    return new Begun(find(tx, request.orderId()).orElseThrow(), true);
  }

  /**
   * Calls off the payment of an order, so that no charge begins after this, and answers the
   * payment as it stands; in one write, after any charge that began before.
   */
  Future<Optional<Payment>> callOff(String orderId) {
    return database.write(tx -> {
      Claims.claim(tx, PaymentsSql.CLAIM_VOID, PaymentsSql.CLAIMED, orderId);
      forgetTokenIfCalledOff(tx, orderId);
      return find(tx, orderId);
    });
  }

  /** The payment of an order as it stands after {@link #begin}: new, or found. */
  record Begun(Payment payment, boolean isNew) {
  }

  Future<Optional<Payment>> find(String orderId) {
    return database.read(reads -> find(reads, orderId));
  }

  Future<Payment> markCaptured(String orderId, String chargeId) {
    return update(PaymentsSql.MARK_CAPTURED, orderId, Map.of("chargeId", chargeId));
  }

  Future<Payment> markDeclined(String orderId, String reason) {
    return update(PaymentsSql.MARK_DECLINED, orderId, Map.of("reason", reason));
  }

  Future<Payment> markUnknown(String orderId, String reason) {
    return update(PaymentsSql.MARK_UNKNOWN, orderId, Map.of("reason", reason));
  }

  /** A failure on an order already called off is final: no charge will be sent again. */
  Future<Payment> markFailed(String orderId, String reason) {
    return update(PaymentsSql.MARK_FAILED, orderId, Map.of("reason", reason), true);
  }

  Future<Payment> markRefunded(String orderId, String refundId) {
    return update(PaymentsSql.MARK_REFUNDED, orderId, Map.of("refundId", refundId));
  }

  /** Sums per currency, as decimal strings: every amount ever captured, and every amount refunded. */
  Future<JsonObject> totals() {
    return sums(PaymentsSql.CAPTURED_TOTALS).compose(captured -> sums(PaymentsSql.REFUNDED_TOTALS)
      .map(refunded -> new JsonObject().put("captured", captured).put("refunded", refunded)));
  }

  /** Applies an outcome where the payment's state allows it, and returns the payment as it now stands. */
  private Future<Payment> update(String statement, String orderId, Map<String, Object> values) {
    return update(statement, orderId, values, false);
  }

  private Future<Payment> update(String statement, String orderId, Map<String, Object> values, boolean mayBeFinalByCallOff) {
    Map<String, Object> row = new HashMap<>(values);
    row.put("orderId", orderId);
    row.put("now", System.currentTimeMillis());
    return database.write(tx -> {
      tx.update(statement, row);
      if (mayBeFinalByCallOff) {
        forgetTokenIfCalledOff(tx, orderId);
      }
      return find(tx, orderId).orElseThrow();
    });
  }

  private static void forgetTokenIfCalledOff(Transaction tx, String orderId) throws SQLException {
    tx.update(PaymentsSql.FORGET_TOKEN_IF_CALLED_OFF, Map.of("orderId", orderId));
  }

  private Future<JsonObject> sums(String statement) {
    return database.read(reads -> reads.query(statement)).map(rows -> {
      JsonObject sums = new JsonObject();
      for (JsonObject row : rows) {
        Currency currency = Currency.getInstance(row.getString("currency").trim());
        // SUM of a BIGINT is NUMERIC on PostgreSQL and an integer on SQLite: getLong takes either.
        long minor = row.getLong("total");
        sums.put(currency.getCurrencyCode(), Amounts.fromMinor(minor, currency).toPlainString());
      }
      return sums;
    });
  }

  private static Optional<Payment> find(Queries queries, String orderId) throws SQLException {
    return queries.queryFirst(PaymentsSql.FIND, Map.of("orderId", orderId)).map(PaymentsStore::toPayment);
  }

  private static Payment toPayment(JsonObject row) {
    Currency currency = Currency.getInstance(row.getString("currency").trim());
    BigDecimal amount = Amounts.fromMinor(row.getLong("amount_minor"), currency);
    return new Payment(row.getString("order_id"), row.getString("status"), amount, currency, row.getString("token"),
      row.getString("charge_id"), row.getString("refund_id"), row.getString("reason"),
      row.getLong("created_at"), row.getLong("updated_at"));
  }
}

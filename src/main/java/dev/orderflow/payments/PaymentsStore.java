package dev.orderflow.payments;

import dev.orderflow.platform.core.Amounts;
import dev.orderflow.platform.sql.Claims;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.math.BigDecimal;
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
    return database.write(connection -> Claims.claim(connection, PaymentsSql.CLAIM_CHARGE, PaymentsSql.CLAIMED, request.orderId())
      .compose(claim -> {
        if (VOID.equals(claim)) {
          return Future.failedFuture(new Refusal(409, "orderId: the payment of order " + request.orderId() + " was called off by a refund"));
        }
        return find(connection, request.orderId()).compose(existing -> existing.isPresent()
          ? Future.succeededFuture(new Begun(existing.get(), false))
          : insertPending(connection, request));
      }));
  }

  private static Future<Begun> insertPending(SqlClient connection, ChargeRequest request) {
    Map<String, Object> row = new HashMap<>();
    row.put("orderId", request.orderId());
    row.put("amountMinor", request.amountMinor());
    row.put("currency", request.currency().getCurrencyCode());
    row.put("token", request.token());
    row.put("now", System.currentTimeMillis());
    return SqlTemplate.forUpdate(connection, PaymentsSql.INSERT_PENDING).execute(row)
      .compose(inserted -> find(connection, request.orderId()))
      .map(inserted -> new Begun(inserted.orElseThrow(), true));
  }

  /**
   * Calls off the payment of an order, so that no charge begins after this, and answers the
   * payment as it stands; in one write, after any charge that began before.
   */
  Future<Optional<Payment>> callOff(String orderId) {
    return database.write(connection -> Claims.claim(connection, PaymentsSql.CLAIM_VOID, PaymentsSql.CLAIMED, orderId)
      .compose(claim -> forgetTokenIfCalledOff(connection, orderId))
      .compose(forgotten -> find(connection, orderId)));
  }

  /** The payment of an order as it stands after {@link #begin}: new, or found. */
  record Begun(Payment payment, boolean isNew) {
  }

  Future<Optional<Payment>> find(String orderId) {
    return database.read(pool -> find(pool, orderId));
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
    return database.write(connection -> SqlTemplate.forUpdate(connection, statement).execute(row)
      .compose(updated -> mayBeFinalByCallOff ? forgetTokenIfCalledOff(connection, orderId) : Future.succeededFuture())
      .compose(forgotten -> find(connection, orderId))
      .map(Optional::orElseThrow));
  }

  private static Future<Void> forgetTokenIfCalledOff(SqlClient connection, String orderId) {
    return SqlTemplate.forUpdate(connection, PaymentsSql.FORGET_TOKEN_IF_CALLED_OFF).execute(Map.of("orderId", orderId)).mapEmpty();
  }

  private Future<JsonObject> sums(String statement) {
    return database.read(pool -> pool.query(statement).execute()).map(rows -> {
      JsonObject sums = new JsonObject();
      for (Row row : rows) {
        Currency currency = Currency.getInstance(row.getString("currency").trim());
        // SUM of a BIGINT is NUMERIC on PostgreSQL and an integer on SQLite.
        long minor = ((Number) row.getValue("total")).longValue();
        sums.put(currency.getCurrencyCode(), Amounts.fromMinor(minor, currency).toPlainString());
      }
      return sums;
    });
  }

  private static Future<Optional<Payment>> find(SqlClient client, String orderId) {
    return SqlTemplate.forQuery(client, PaymentsSql.FIND).execute(Map.of("orderId", orderId)).map(PaymentsStore::first);
  }

  private static Optional<Payment> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toPayment(rows.iterator().next()));
  }

  private static Payment toPayment(Row row) {
    Currency currency = Currency.getInstance(row.getString("currency").trim());
    BigDecimal amount = Amounts.fromMinor(row.getLong("amount_minor"), currency);
    return new Payment(row.getString("order_id"), row.getString("status"), amount, currency, row.getString("token"),
      row.getString("charge_id"), row.getString("refund_id"), row.getString("reason"),
      row.getLong("created_at"), row.getLong("updated_at"));
  }
}

package dev.orderflow.paymentprovider;

import dev.orderflow.platform.core.Amounts;
import dev.orderflow.platform.core.NewIds;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Retention;
import dev.orderflow.platform.sql.WriteWork;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.core.Secrets;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Charges, refunds and idempotency keys. Each request runs in one transaction of the group-commit
 * writer: a known key answers what it answered before (or 422 for another body), a new key does
 * the work and stores its answer with it.
 */
final class ChargesStore {

  private static final String EXPIRED_KEYS = """
    DELETE FROM idempotency_keys WHERE idempotency_key IN
      (SELECT idempotency_key FROM idempotency_keys WHERE created_at < #{before} LIMIT #{limit})""";
  private static final String FIND_KEY = "SELECT request_hash, status, body FROM idempotency_keys WHERE idempotency_key = #{key}";
  private static final String STORE_KEY = """
    INSERT INTO idempotency_keys (idempotency_key, request_hash, status, body, created_at)
    VALUES (#{key}, #{hash}, #{status}, #{body}, #{now})""";
  private static final String INSERT_CHARGE = """
    INSERT INTO charges (id, order_id, amount_minor, currency, status, refunded_minor, created_at)
    VALUES (#{id}, #{orderId}, #{amountMinor}, #{currency}, #{status}, 0, #{now})""";
  private static final String FIND_CHARGE = """
    SELECT id, order_id, amount_minor, currency, status, refunded_minor FROM charges WHERE id = #{id}""";
  private static final String REFUND = "UPDATE charges SET refunded_minor = refunded_minor + #{amountMinor} WHERE id = #{id}";

  private final Database database;

  ChargesStore(Database database) {
    this.database = database;
  }

  /** Lets the database's retention job delete idempotency keys past their window. */
  ChargesStore expiringKeys() {
    database.retention().prune(Retention.Kept.IDEMPOTENCY_KEYS, "idempotency_keys", EXPIRED_KEYS);
    return this;
  }

  /** An answer of the provider: HTTP status and JSON body. */
  record Answer(int status, JsonObject body) {
  }

  Future<Answer> charge(String idempotencyKey, Charge charge) {
    return once("charge:" + idempotencyKey, charge.fingerprint(), tx -> {
      String declined = charge.declineReason();
      String id = "ch_" + NewIds.next().replace("-", "");
      JsonObject body = new JsonObject().put("id", id).put("orderId", charge.orderId())
        .put("amount", charge.amount().toPlainString()).put("currency", charge.currency().getCurrencyCode())
        .put("status", declined == null ? "captured" : "declined");
      Map<String, Object> row = new HashMap<>();
      row.put("id", id);
      row.put("orderId", charge.orderId());
      row.put("amountMinor", charge.amountMinor());
      row.put("currency", charge.currency().getCurrencyCode());
      row.put("status", declined == null ? "captured" : "declined");
      row.put("now", System.currentTimeMillis());
      tx.update(INSERT_CHARGE, row);
      return declined == null ? new Answer(201, body) : new Answer(402, body.put("declineReason", declined));
    });
  }

  Future<Answer> refund(String idempotencyKey, String chargeId, Object requestedAmount) {
    return once("refund:" + idempotencyKey, chargeId + "|" + requestedAmount, tx -> {
      JsonObject charge = tx.queryFirst(FIND_CHARGE, Map.of("id", chargeId)).map(ChargesStore::toJson)
        .orElseThrow(() -> new Refusal(404, "chargeId: no charge '" + chargeId + "'"));
      if (!"captured".equals(charge.getString("status"))) {
        throw new Refusal(409, "chargeId: only a captured charge can be refunded");
      }
      Currency currency = Currency.getInstance(charge.getString("currency"));
      BigDecimal refundable = new BigDecimal(charge.getString("amount")).subtract(new BigDecimal(charge.getString("refunded")));
      BigDecimal amount = requestedAmount == null ? refundable : Amounts.positive("amount", requestedAmount, currency);
      if (amount.signum() <= 0 || amount.compareTo(refundable) > 0) {
        throw new Refusal(409, "amount: exceeds what is left to refund (" + refundable.toPlainString() + ")");
      }
      tx.update(REFUND, Map.of("amountMinor", Amounts.toMinor(amount, currency), "id", chargeId));
      return new Answer(201, new JsonObject().put("id", "re_" + NewIds.next().replace("-", ""))
        .put("chargeId", chargeId).put("amount", amount.toPlainString()).put("currency", currency.getCurrencyCode())
        .put("status", "refunded"));
    });
  }

  Future<Optional<JsonObject>> find(String chargeId) {
    return database.read(reads -> reads.queryFirst(FIND_CHARGE, Map.of("id", chargeId)).map(ChargesStore::toJson));
  }

  private Future<Answer> once(String key, String fingerprint, WriteWork<Answer> work) {
    String hash = Secrets.sha256Hex(fingerprint);
    return database.write(tx -> {
      Optional<JsonObject> stored = tx.queryFirst(FIND_KEY, Map.of("key", key));
      if (stored.isPresent()) {
        if (!stored.get().getString("request_hash").equals(hash)) {
          throw new Refusal(422, "Idempotency-Key: was used with another request");
        }
        return new Answer(stored.get().getInteger("status"), new JsonObject(stored.get().getString("body")));
      }
      Answer answer = work.run(tx);
      tx.update(STORE_KEY, Map.of("key", key, "hash", hash, "status", answer.status(), "body", answer.body().encode(),
        "now", System.currentTimeMillis()));
      return answer;
    });
  }

  /** A charge as the API shows it, from its row. */
  private static JsonObject toJson(JsonObject row) {
    Currency currency = Currency.getInstance(row.getString("currency"));
    return new JsonObject()
      .put("id", row.getString("id"))
      .put("orderId", row.getString("order_id"))
      .put("amount", Amounts.fromMinor(row.getLong("amount_minor"), currency).toPlainString())
      .put("currency", currency.getCurrencyCode())
      .put("status", row.getString("status"))
      .put("refunded", Amounts.fromMinor(row.getLong("refunded_minor"), currency).toPlainString());
  }
}

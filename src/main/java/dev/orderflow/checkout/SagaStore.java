package dev.orderflow.checkout;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Transaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** The sagas and their step history; every transition is one write with its history line. */
final class SagaStore {

  private static final String COLUMNS = """
    SELECT order_id, customer_id, orchestration, state, step, reason, lines, amount, currency, correlation_id,
      causation_id, deadline_at, attempts, last_error, history_size, created_at, updated_at, owner, lease_until FROM sagas""";
  private static final String INSERT = """
    INSERT INTO sagas (order_id, customer_id, orchestration, state, step, reason, lines, amount, currency,
      correlation_id, causation_id, deadline_at, attempts, last_error, history_size, created_at, updated_at, owner, lease_until)
    VALUES (#{orderId}, #{customerId}, #{orchestration}, #{state}, #{step}, #{reason}, #{lines}, #{amount}, #{currency},
      #{correlationId}, #{causationId}, #{deadlineAt}, #{attempts}, #{lastError}, #{historySize}, #{createdAt}, #{updatedAt},
      #{owner}, #{leaseUntil})
    ON CONFLICT (order_id) DO NOTHING""";
  private static final String UPDATE = """
    UPDATE sagas SET state = #{state}, step = #{step}, reason = #{reason}, deadline_at = #{deadlineAt}, attempts = #{attempts},
      last_error = #{lastError}, history_size = #{historySize}, updated_at = #{updatedAt}, owner = #{owner}, lease_until = #{leaseUntil}
    WHERE order_id = #{orderId} AND history_size = #{previousHistorySize}""";
  private static final String UNFINISHED = " WHERE state IN ('RUNNING', 'COMPENSATING')";
  /** Compare-and-set: only over the history it read, and only while the lease is still expired (its owner did not renew meanwhile). */
  private static final String TAKE_OVER = """
    UPDATE sagas SET owner = #{owner}, lease_until = #{leaseUntil}, history_size = #{historySize}
    WHERE order_id = #{orderId} AND history_size = #{previousHistorySize} AND lease_until <= #{now}""";
  private static final String RENEW = "UPDATE sagas SET lease_until = #{leaseUntil}" + UNFINISHED + " AND owner = #{owner} AND order_id IN ";
  private static final String VOID_OTHERS = "UPDATE sagas SET lease_until = #{now}" + UNFINISHED
    + " AND lease_until > #{now} AND (owner IS NULL OR owner <> #{owner})";
  /** Order ids per statement of a renewal, well within every driver's limit of bound parameters. */
  private static final int RENEWAL_CHUNK = 500;
  private static final String HISTORY = """
    INSERT INTO saga_steps (order_id, seq, step, outcome, detail, at) VALUES (#{orderId}, #{seq}, #{step}, #{outcome}, #{detail}, #{at})""";
  private static final String STEPS_OF = "SELECT order_id, step, outcome, detail, at FROM saga_steps WHERE order_id IN ";
  private static final String COUNTS = "SELECT state, COUNT(*) AS n FROM sagas GROUP BY state";

  private final Database database;
  private final String instance;
  private final long leaseMs;

  /** {@code instance}: this instance's id, the owner of the sagas it writes, each leased for {@code leaseMs}. */
  SagaStore(Database database, String instance, long leaseMs) {
    this.database = database;
    this.instance = instance;
    this.leaseMs = leaseMs;
  }

  String instance() {
    return instance;
  }

  /**
   * Stores new sagas, owned by this instance, all in one write; completes with each as stored, or
   * empty where the order already has one (a redelivered OrderPlaced), in order.
   */
  Future<List<Optional<Saga>>> beginAll(List<Saga> sagas) {
    long leaseUntil = System.currentTimeMillis() + leaseMs;
    List<Saga> recorded = sagas.stream().map(saga -> saga.recorded().leasedTo(instance, leaseUntil)).toList();
    return database.write(tx -> {
      List<Optional<Saga>> begun = new ArrayList<>(recorded.size());
      for (Saga saga : recorded) {
        if (tx.update(INSERT, parameters(saga)) == 0) {
          begun.add(Optional.empty());
        } else {
          history(tx, saga, "START", "OK", "orchestration " + saga.orchestration());
          begun.add(Optional.of(saga));
        }
      }
      return begun;
    });
  }

  /**
   * Stores the saga's next state with a history line saying what happened to {@code step}, only
   * over the state it was derived from: a saga written meanwhile (by an operator's retry, or a run
   * holding a stale copy, or another instance that took the saga over) fails this with
   * {@link SagaChanged} and stays as the other write left it. The write renews this instance's
   * lease on the saga, or gives it up once the saga settled.
   */
  Future<Saga> save(Saga next, Saga.Step step, String outcome, String detail) {
    Saga recorded = next.recorded().leasedTo(instance, next.settled() ? Saga.NO_LEASE : System.currentTimeMillis() + leaseMs);
    Map<String, Object> row = parameters(recorded);
    row.put("previousHistorySize", next.historySize());
    return database.write(tx -> {
      if (tx.update(UPDATE, row) != 1) {
        throw new SagaChanged(next.orderId());
      }
      history(tx, recorded, step, outcome, detail);
      return recorded;
    });
  }

  /**
   * Makes this instance the owner of a saga whose lease expired, with a history line naming the
   * previous owner; empty when another write came first (a survivor that took it, or its owner
   * renewing after all): of instances racing for one saga exactly one wins.
   */
  Future<Optional<Saga>> takeOver(Saga expired, long now) {
    Saga taken = expired.recorded().leasedTo(instance, now + leaseMs);
    Map<String, Object> row = new HashMap<>();
    row.put("orderId", taken.orderId());
    row.put("owner", instance);
    row.put("leaseUntil", taken.leaseUntil());
    row.put("historySize", taken.historySize());
    row.put("previousHistorySize", expired.historySize());
    row.put("now", now);
    return database.write(tx -> {
      if (tx.update(TAKE_OVER, row) != 1) {
        return Optional.empty();
      }
      history(tx, taken, expired.step(), "TAKEN_OVER", "from " + expired.ownerName() + " by " + instance
        + ", its lease expired at " + Instant.ofEpochMilli(expired.leaseUntil()));
      return Optional.of(taken);
    });
  }

  /**
   * Renews this instance's lease on those of {@code orderIds} it still owns and that are unfinished:
   * one write for all of them, whatever their number; completes with how many were renewed.
   */
  Future<Integer> renew(Collection<String> orderIds) {
    return leaseUntil(orderIds, System.currentTimeMillis() + leaseMs);
  }

  /**
   * Ends this instance's lease now on those of {@code orderIds} it owns and that are unfinished,
   * so that another instance takes them over at its next look instead of a lease later.
   */
  Future<Integer> handOver(Collection<String> orderIds) {
    return leaseUntil(orderIds, System.currentTimeMillis());
  }

  private Future<Integer> leaseUntil(Collection<String> orderIds, long until) {
    if (orderIds.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<String> ids = List.copyOf(orderIds);
    return database.write(tx -> {
      int renewed = 0;
      for (int from = 0; from < ids.size(); from += RENEWAL_CHUNK) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("leaseUntil", until);
        parameters.put("owner", instance);
        renewed += tx.update(RENEW + placeholders(ids.subList(from, Math.min(ids.size(), from + RENEWAL_CHUNK)), parameters), parameters);
      }
      return renewed;
    });
  }

  /**
   * Ends now the leases every other instance holds on unfinished sagas: for an embedded database,
   * which belongs to one process, whose earlier runs are gone.
   */
  Future<Integer> voidLeasesOfOthers() {
    return database.write(tx -> tx.update(VOID_OTHERS, Map.of("owner", instance, "now", System.currentTimeMillis())));
  }

  Future<Optional<Saga>> find(String orderId) {
    return database.read(reads -> reads.queryFirst(COLUMNS + " WHERE order_id = #{orderId}", Map.of("orderId", orderId)).map(SagaStore::toSaga));
  }

  /** Sagas not yet settled whose lease ran out at or before {@code now} (epoch ms), oldest first. */
  Future<List<Saga>> leaseExpired(long now) {
    return query(COLUMNS + UNFINISHED + " AND lease_until <= #{now} ORDER BY created_at", Map.of("now", now));
  }

  Future<List<Saga>> list(String state, int limit) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("state", state);
    parameters.put("limit", limit);
    return query(COLUMNS + (state == null ? "" : " WHERE state = #{state}") + " ORDER BY created_at DESC LIMIT #{limit}", parameters);
  }

  /** The step history of each saga in {@code orderIds}, by order id, read in one query. */
  Future<Map<String, JsonArray>> histories(List<String> orderIds) {
    Map<String, JsonArray> histories = new HashMap<>();
    orderIds.forEach(orderId -> histories.put(orderId, new JsonArray()));
    if (orderIds.isEmpty()) {
      return Future.succeededFuture(histories);
    }
    Map<String, Object> parameters = new HashMap<>();
    String placeholders = placeholders(orderIds, parameters);
    return database.read(reads -> reads.query(STEPS_OF + placeholders + " ORDER BY order_id, seq", parameters)).map(rows -> {
      rows.forEach(row -> {
        JsonObject step = new JsonObject().put("step", row.getString("step")).put("outcome", row.getString("outcome"))
          .put("at", Instant.ofEpochMilli(row.getLong("at")).toString());
        if (row.getString("detail") != null) {
          step.put("detail", row.getString("detail"));
        }
        histories.get(row.getString("order_id")).add(step);
      });
      return histories;
    });
  }

  Future<Map<Saga.State, Long>> countsByState() {
    return database.read(reads -> reads.query(COUNTS)).map(rows -> {
      Map<Saga.State, Long> counts = new EnumMap<>(Saga.State.class);
      rows.forEach(row -> counts.put(Saga.State.valueOf(row.getString("state")), row.getLong("n")));
      return counts;
    });
  }

  /** {@code (#{orderId0}, #{orderId1}, ...)} for {@code orderIds}, each bound in {@code parameters}. */
  private static String placeholders(List<String> orderIds, Map<String, Object> parameters) {
    StringJoiner placeholders = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < orderIds.size(); i++) {
      parameters.put("orderId" + i, orderIds.get(i));
      placeholders.add("#{orderId" + i + "}");
    }
    return placeholders.toString();
  }

  private Future<List<Saga>> query(String sql, Map<String, Object> parameters) {
    return database.read(reads -> reads.query(sql, parameters).stream().map(SagaStore::toSaga).toList());
  }

  private static void history(Transaction tx, Saga saga, Object step, String outcome, String detail) throws SQLException {
    Map<String, Object> row = new HashMap<>();
    row.put("orderId", saga.orderId());
    row.put("seq", saga.historySize());
    row.put("step", step.toString());
    row.put("outcome", outcome);
    row.put("detail", detail);
    row.put("at", System.currentTimeMillis());
    tx.update(HISTORY, row);
  }

  /** The saga was written by someone else since it was read. */
  static final class SagaChanged extends RuntimeException {
    SagaChanged(String orderId) {
      super("the saga of order " + orderId + " changed concurrently", null, false, false);
    }
  }

  private static Map<String, Object> parameters(Saga saga) {
    Map<String, Object> row = new HashMap<>();
    row.put("orderId", saga.orderId());
    row.put("customerId", saga.customerId());
    row.put("orchestration", saga.orchestration());
    row.put("state", saga.state().name());
    row.put("step", saga.step().name());
    row.put("reason", saga.reason());
    row.put("lines", saga.lines().encode());
    row.put("amount", saga.amount());
    row.put("currency", saga.currency());
    row.put("correlationId", saga.correlationId());
    row.put("causationId", saga.causationId());
    row.put("deadlineAt", saga.deadlineAt());
    row.put("attempts", saga.attempts());
    row.put("lastError", saga.lastError());
    row.put("historySize", saga.historySize());
    row.put("createdAt", saga.createdAt());
    row.put("updatedAt", saga.updatedAt());
    row.put("owner", saga.owner());
    row.put("leaseUntil", saga.leaseUntil());
    return row;
  }

  private static Saga toSaga(JsonObject row) {
    return new Saga(row.getString("order_id"), row.getString("customer_id"), row.getString("orchestration"),
      Saga.State.valueOf(row.getString("state")), Saga.Step.valueOf(row.getString("step")), row.getString("reason"),
      new JsonArray(row.getString("lines")), row.getString("amount"), row.getString("currency"), row.getString("correlation_id"),
      row.getString("causation_id"), row.getLong("deadline_at"), row.getInteger("attempts"), row.getString("last_error"), row.getInteger("history_size"),
      row.getLong("created_at"), row.getLong("updated_at"), row.getString("owner"), row.getLong("lease_until"));
  }
}

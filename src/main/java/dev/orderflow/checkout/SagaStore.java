package dev.orderflow.checkout;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Transaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
      causation_id, deadline_at, attempts, last_error, history_size, created_at, updated_at FROM sagas""";
  private static final String INSERT = """
    INSERT INTO sagas (order_id, customer_id, orchestration, state, step, reason, lines, amount, currency,
      correlation_id, causation_id, deadline_at, attempts, last_error, history_size, created_at, updated_at)
    VALUES (#{orderId}, #{customerId}, #{orchestration}, #{state}, #{step}, #{reason}, #{lines}, #{amount}, #{currency},
      #{correlationId}, #{causationId}, #{deadlineAt}, #{attempts}, #{lastError}, #{historySize}, #{createdAt}, #{updatedAt})
    ON CONFLICT (order_id) DO NOTHING""";
  private static final String UPDATE = """
    UPDATE sagas SET state = #{state}, step = #{step}, reason = #{reason}, deadline_at = #{deadlineAt}, attempts = #{attempts},
      last_error = #{lastError}, history_size = #{historySize}, updated_at = #{updatedAt}
    WHERE order_id = #{orderId} AND history_size = #{previousHistorySize}""";
  private static final String HISTORY = """
    INSERT INTO saga_steps (order_id, seq, step, outcome, detail, at) VALUES (#{orderId}, #{seq}, #{step}, #{outcome}, #{detail}, #{at})""";
  private static final String STEPS_OF = "SELECT order_id, step, outcome, detail, at FROM saga_steps WHERE order_id IN ";
  private static final String COUNTS = "SELECT state, COUNT(*) AS n FROM sagas GROUP BY state";

  private final Database database;

  SagaStore(Database database) {
    this.database = database;
  }

  /** Stores a new saga; false when the order already has one (a redelivered OrderPlaced). */
  Future<Boolean> begin(Saga saga) {
    Saga recorded = saga.recorded();
    return database.write(tx -> {
      if (tx.update(INSERT, parameters(recorded)) == 0) {
        return false;
      }
      history(tx, recorded, "START", "OK", "orchestration " + saga.orchestration());
      return true;
    });
  }

  /**
   * Stores the saga's next state with a history line saying what happened to {@code step}, only
   * over the state it was derived from: a saga written meanwhile (by an operator's retry, or a run
   * holding a stale copy) fails this with {@link SagaChanged} and stays as the other write left it.
   */
  Future<Saga> save(Saga next, Saga.Step step, String outcome, String detail) {
    Saga recorded = next.recorded();
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

  Future<Optional<Saga>> find(String orderId) {
    return database.read(reads -> reads.queryFirst(COLUMNS + " WHERE order_id = #{orderId}", Map.of("orderId", orderId)).map(SagaStore::toSaga));
  }

  /** Sagas not yet settled whose last write is older than {@code writtenBefore} (epoch ms), oldest first. */
  Future<List<Saga>> unfinished(long writtenBefore) {
    return query(COLUMNS + " WHERE state IN ('RUNNING', 'COMPENSATING') AND updated_at < #{before} ORDER BY created_at",
      Map.of("before", writtenBefore));
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
    StringJoiner placeholders = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < orderIds.size(); i++) {
      parameters.put("orderId" + i, orderIds.get(i));
      placeholders.add("#{orderId" + i + "}");
    }
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
    return row;
  }

  private static Saga toSaga(JsonObject row) {
    return new Saga(row.getString("order_id"), row.getString("customer_id"), row.getString("orchestration"),
      Saga.State.valueOf(row.getString("state")), Saga.Step.valueOf(row.getString("step")), row.getString("reason"),
      new JsonArray(row.getString("lines")), row.getString("amount"), row.getString("currency"), row.getString("correlation_id"),
      row.getString("causation_id"), row.getLong("deadline_at"), row.getInteger("attempts"), row.getString("last_error"), row.getInteger("history_size"),
      row.getLong("created_at"), row.getLong("updated_at"));
  }
}

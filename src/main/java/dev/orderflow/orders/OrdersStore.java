package dev.orderflow.orders;

import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Queries;
import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Outbox;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.sql.Retention;
import dev.orderflow.platform.sql.SqlErrors;
import dev.orderflow.platform.sql.Transaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The event store of orders and its read model. Every append checks the expected version, writes
 * the event, its outbox copy and the updated view in one transaction; (stream_id, version) unique
 * turns a concurrent append on another instance into a conflict.
 */
final class OrdersStore {

  private static final String EVENTS = """
    SELECT version, event_type, data, recorded_at FROM order_events WHERE stream_id = #{id} ORDER BY version""";
  private static final String ALL_EVENTS = """
    SELECT stream_id, version, event_type, data, recorded_at FROM order_events ORDER BY stream_id, version""";
  private static final String APPEND = """
    INSERT INTO order_events (stream_id, version, event_id, event_type, data, correlation_id, recorded_at)
    VALUES (#{id}, #{version}, #{eventId}, #{type}, #{data}, #{correlationId}, #{recordedAt})""";
  private static final String UPSERT_VIEW = """
    INSERT INTO order_view (order_id, customer_id, status, reason, cancel_requested, version, currency, total_minor, lines, placed_at, updated_at)
    VALUES (#{id}, #{customerId}, #{status}, #{reason}, #{cancelRequested}, #{version}, #{currency}, #{totalMinor}, #{lines}, #{placedAt}, #{updatedAt})
    ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, reason = excluded.reason,
      cancel_requested = excluded.cancel_requested, version = excluded.version, updated_at = excluded.updated_at""";
  private static final String CLEAR_VIEW = "DELETE FROM order_view";
  private static final String VIEW_COLUMNS =
    "SELECT order_id, customer_id, status, reason, cancel_requested, version, currency, total_minor, lines, placed_at, updated_at FROM order_view";
  private static final String FIND_VIEW = VIEW_COLUMNS + " WHERE order_id = #{id}";
  private static final String KEEP_TOKEN = "INSERT INTO payment_tokens (order_id, token, created_at) VALUES (#{id}, #{token}, #{now})";
  private static final String TOKEN = "SELECT token FROM payment_tokens WHERE order_id = #{id}";
  private static final String PLACED = "SELECT data FROM order_events WHERE stream_id = #{id} AND version = 1";
  private static final String REQUEST =
    "SELECT fingerprint, response FROM order_requests WHERE customer_id = #{customerId} AND idempotency_key = #{key}";
  private static final String EXPIRED_REQUESTS = """
    DELETE FROM order_requests WHERE (customer_id, idempotency_key) IN
      (SELECT customer_id, idempotency_key FROM order_requests WHERE created_at < #{before} LIMIT #{limit})""";
  private static final String FORGET_TOKEN = "DELETE FROM payment_tokens WHERE order_id = #{id}";
  private static final String REMEMBER_REQUEST = """
    INSERT INTO order_requests (customer_id, idempotency_key, fingerprint, response, created_at)
    VALUES (#{customerId}, #{key}, #{fingerprint}, #{response}, #{now})""";

  private final Database database;

  OrdersStore(Database database) {
    this.database = database;
  }

  /** Lets the database's retention job delete idempotency keys past their window. */
  OrdersStore expiringKeys() {
    database.retention().prune(Retention.Kept.IDEMPOTENCY_KEYS, "order_requests", EXPIRED_REQUESTS);
    return this;
  }

  /** A stored answer to an idempotency key, with the fingerprint of the request that got it. */
  record StoredRequest(String fingerprint, JsonObject response) {
  }

  Future<Optional<StoredRequest>> storedRequest(IdempotencyKeys.Key key) {
    return database.read(reads -> storedRequest(reads, key));
  }

  /**
   * Appends {@code OrderPlaced} for a new stream, keeps its payment token beside it (not in the
   * event) and remembers the idempotency key, if any, with the answer; a key taken meanwhile
   * answers what it stored. Nothing is stored once the caller of {@code placing} stopped waiting.
   */
  Future<JsonObject> place(String orderId, Order.Change placed, String paymentToken, BusEndpoint.Request placing,
                           IdempotencyKeys.Key key, String fingerprint) {
    return database.write(tx -> {
        Optional<StoredRequest> stored = key == null ? Optional.empty() : storedRequest(tx, key);
        if (stored.isPresent()) {
          return IdempotencyKeys.replay(stored.get(), fingerprint);
        }
        if (placing.remainingMs() <= 0) {
          // checked in the write itself, after any wait for the writer: storing it now would place an order whose caller got a 504
          throw new Refusal(504, "the caller stopped waiting before the order could be stored; nothing was placed");
        }
        Order order = append(tx, null, orderId, placed, placing.correlationId(), null);
        tx.update(KEEP_TOKEN, Map.of("id", orderId, "token", paymentToken, "now", System.currentTimeMillis()));
        JsonObject response = new JsonObject().put("orderId", order.id()).put("status", order.status()).put("version", order.version());
        if (key != null) {
          tx.update(REMEMBER_REQUEST, Map.of("customerId", key.customerId(), "key", key.value(), "fingerprint", fingerprint,
            "response", response.encode(), "now", System.currentTimeMillis()));
        }
        return response;
      })
      // another instance stored the same key meanwhile (its write rolled this one back): answer what it stored
      .recover(failure -> key != null && SqlErrors.isUniqueViolation(failure)
        ? storedRequest(key).compose(stored -> stored.map(found -> Future.succeededFuture(IdempotencyKeys.replay(found, fingerprint)))
          .orElseGet(() -> Future.failedFuture(failure)))
        : Future.failedFuture(failure));
  }

  /**
   * Loads the order, lets {@code decide} name the next event, and appends it at the next version;
   * a decision of no change answers the order as it is. {@code causationId}: the id of the event
   * that caused this change (the saga's OrderPlaced), or null when a request caused it.
   */
  Future<Order> update(String orderId, Function<Order, Optional<Order.Change>> decide, String correlationId, String causationId) {
    return database.write(tx -> {
      Order order = load(tx, orderId).orElseThrow(() -> new Refusal(404, "no order with id '" + orderId + "'"));
      Optional<Order.Change> change = decide.apply(order);
      return change.isEmpty() ? order : append(tx, order, orderId, change.get(), correlationId, causationId);
    }).recover(failure -> Future.failedFuture(SqlErrors.isUniqueViolation(failure)
      ? new Refusal(409, "order " + orderId + " was changed concurrently; read it again")
      : failure));
  }

  /**
   * The order with its payment token, in one read: the token is asked for only to charge a pending
   * order, so the two go together. An order placed before tokens were kept apart has it in its OrderPlaced.
   */
  Future<Optional<OrderWithToken>> findWithPaymentToken(String orderId) {
    return database.read(reads -> {
      Optional<JsonObject> order = view(reads, orderId);
      if (order.isEmpty()) {
        return Optional.empty();
      }
      Optional<JsonObject> token = reads.queryFirst(TOKEN, Map.of("id", orderId));
      Optional<String> paymentToken = token.isPresent()
        ? Optional.of(token.get().getString("token"))
        : reads.queryFirst(PLACED, Map.of("id", orderId)).map(placed -> new JsonObject(placed.getString("data")).getString("paymentToken"));
      return Optional.of(new OrderWithToken(order.get(), paymentToken));
    });
  }

  /** An order as the read model has it, and its payment token while it has one. */
  record OrderWithToken(JsonObject order, Optional<String> paymentToken) {
  }

  Future<Optional<JsonObject>> find(String orderId) {
    return database.read(reads -> view(reads, orderId));
  }

  private static Optional<JsonObject> view(Queries reads, String orderId) throws SQLException {
    return reads.queryFirst(FIND_VIEW, Map.of("id", orderId)).map(row -> fromView(row).toJson());
  }

  /** Orders oldest first, filtered, after the cursor's position. */
  Future<List<JsonObject>> list(OrderQuery query) {
    return database.read(reads -> reads.query(VIEW_COLUMNS + query.where() + " ORDER BY placed_at, order_id LIMIT #{limit}", query.parameters())
      .stream().map(row -> fromView(row).toJson()).toList());
  }

  /** Drops the read model and folds every stream of the event store into it again. */
  Future<Long> rebuildView() {
    return database.write(tx -> {
      tx.update(CLEAR_VIEW);
      Map<String, List<Order.Recorded>> streams = new LinkedHashMap<>();
      for (JsonObject row : tx.query(ALL_EVENTS, Map.of())) {
        streams.computeIfAbsent(row.getString("stream_id"), id -> new ArrayList<>()).add(recorded(row));
      }
      for (List<Order.Recorded> stream : streams.values()) {
        writeView(tx, Order.replay(stream));
      }
      return (long) streams.size();
    });
  }

  private Order append(Transaction tx, Order current, String orderId, Order.Change change, String correlationId,
                       String causationId) throws SQLException {
    long version = current == null ? 1 : current.version() + 1;
    long now = Math.max(System.currentTimeMillis(), current == null ? 0 : current.updatedAt());
    Event event = Event.create(OrdersContract.SOURCE, change.type(), orderId, change.data(), correlationId, causationId);
    Map<String, Object> row = new HashMap<>();
    row.put("id", orderId);
    row.put("version", version);
    row.put("eventId", event.id());
    row.put("type", change.type());
    row.put("data", change.data().encode());
    row.put("correlationId", correlationId);
    row.put("recordedAt", now);
    Order.Recorded recorded = new Order.Recorded(version, change.type(), change.data(), now);
    Order updated = current == null ? Order.replay(List.of(recorded)) : current.apply(recorded);
    tx.update(APPEND, row);
    Outbox.append(tx, OrdersContract.TOPIC, event);
    writeView(tx, updated);
    if (settled(updated)) {
      forgetPaymentToken(tx, orderId);
    }
    return updated;
  }

  private static boolean settled(Order order) {
    return OrdersContract.CONFIRMED.equals(order.status()) || OrdersContract.CANCELLED.equals(order.status());
  }

  /** A settled order is never charged again: its token goes in the transaction that settles it. */
  private static void forgetPaymentToken(Transaction tx, String orderId) throws SQLException {
    tx.update(FORGET_TOKEN, Map.of("id", orderId));
  }

  private static Optional<Order> load(Transaction tx, String orderId) throws SQLException {
    List<Order.Recorded> events = new ArrayList<>();
    for (JsonObject row : tx.query(EVENTS, Map.of("id", orderId))) {
      events.add(recorded(row));
    }
    return Optional.ofNullable(Order.replay(events));
  }

  private static Order.Recorded recorded(JsonObject row) {
    return new Order.Recorded(row.getLong("version"), row.getString("event_type"), new JsonObject(row.getString("data")),
      row.getLong("recorded_at"));
  }

  private static void writeView(Transaction tx, Order order) throws SQLException {
    Map<String, Object> row = new HashMap<>();
    row.put("id", order.id());
    row.put("customerId", order.customerId());
    row.put("status", order.status());
    row.put("reason", order.reason());
    row.put("cancelRequested", order.cancelRequested() ? 1 : 0);
    row.put("version", order.version());
    row.put("currency", order.total().currencyCode());
    row.put("totalMinor", order.total().minor());
    row.put("lines", new JsonArray(order.lines().stream().map(OrderLine::toJson).toList()).encode());
    row.put("placedAt", order.placedAt());
    row.put("updatedAt", order.updatedAt());
    tx.update(UPSERT_VIEW, row);
  }

  private static Order fromView(JsonObject row) {
    String currency = row.getString("currency");
    List<OrderLine> lines = new ArrayList<>();
    new JsonArray(row.getString("lines")).forEach(line -> lines.add(OrderLine.fromJson((JsonObject) line, currency)));
    return new Order(row.getString("order_id"), row.getString("customer_id"), row.getString("status"), row.getString("reason"),
      row.getInteger("cancel_requested") == 1, row.getLong("version"), lines,
      new Money(row.getLong("total_minor"), Currency.getInstance(currency)), row.getLong("placed_at"), row.getLong("updated_at"));
  }

  private static Optional<StoredRequest> storedRequest(Queries queries, IdempotencyKeys.Key key) throws SQLException {
    return queries.queryFirst(REQUEST, Map.of("customerId", key.customerId(), "key", key.value()))
      .map(row -> new StoredRequest(row.getString("fingerprint"), new JsonObject(row.getString("response"))));
  }
}

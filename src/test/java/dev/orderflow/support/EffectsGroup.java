package dev.orderflow.support;

import dev.orderflow.platform.messaging.DurableSubscription;
import dev.orderflow.platform.messaging.EventTypes;
import dev.orderflow.platform.messaging.Messaging;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Transaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A test consumer group on the customers topic, on an instance of its own whose groups try a failing
 * record 3 times within about 100 ms: its effects go to the test database {@code poisontest} (one
 * table, {@code effects}, keyed by the event's subject; src/test/resources/db), its failures to its
 * dead-letter topic. The caller subscribes it, given the effects database.
 */
public final class EffectsGroup implements AutoCloseable {

  public static final String TOPIC = "orderflow.customers";
  public static final EventTypes REGISTRATIONS = EventTypes.handling("orderflow.customers.CustomerRegistered.v1");

  private final String group;
  private final TestInstance orderflow;
  private final Database database;
  private final DurableSubscription subscription;
  private final Shop shop;

  private EffectsGroup(String group, TestInstance orderflow, Database database, DurableSubscription subscription) {
    this.group = group;
    this.orderflow = orderflow;
    this.database = database;
    this.subscription = subscription;
    this.shop = new Shop(orderflow.http());
  }

  /** {@code subscribing}: joins the group on the instance's messaging, recording into the given database; {@code settings}: more for the instance. */
  public static EffectsGroup start(String group, Function<Database, Function<Messaging, Future<DurableSubscription>>> subscribing,
                                   String... settings) {
    TestInstance orderflow = TestInstance.start(Stream.concat(Stream.of(
      "ORDERFLOW_MESSAGING_MAX_ATTEMPTS", "3",
      "ORDERFLOW_MESSAGING_RETRY_INITIAL_MS", "20",
      "ORDERFLOW_MESSAGING_RETRY_MAX_MS", "100"), Stream.of(settings)).toArray(String[]::new));
    Database database = orderflow.instance().platform().databases().open("poisontest").await();
    DurableSubscription subscription = subscribing.apply(database).apply(orderflow.instance().platform().messaging()).await();
    return new EffectsGroup(group, orderflow, database, subscription);
  }

  public TestInstance orderflow() {
    return orderflow;
  }

  public Http http() {
    return orderflow.http();
  }

  public Database database() {
    return database;
  }

  /** Records the effect of the event about {@code subject}, in {@code tx}. */
  public static void record(Transaction tx, String subject) throws SQLException {
    tx.update("INSERT INTO effects (event_id, applied_at) VALUES (#{subject}, #{now})", Map.of("subject", subject, "now", System.currentTimeMillis()));
  }

  /** Registers {@code count} customers named {@code name}, whose registrations the group receives; answers their ids. */
  public List<String> register(int count, String name) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(shop.newCustomer(name));
    }
    return ids;
  }

  /** How many times the effect of the event about {@code subject} was applied. */
  public long applied(String subject) {
    return database.read(reads -> reads.query("SELECT COUNT(*) AS n FROM effects WHERE event_id = #{id}", Map.of("id", subject)).get(0).getLong("n"))
      .await();
  }

  public JsonArray deadLetters() {
    return http().get("/admin/dead-letters/" + group).json().getJsonArray("deadLetters");
  }

  @Override
  public void close() {
    subscription.stop().await();
    database.close().await();
    orderflow.close();
  }
}

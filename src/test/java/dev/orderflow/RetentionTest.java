package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Retention: rows past their retention are deleted by the periodic job, younger rows stay; a settled order keeps no payment token")
class RetentionTest {

  private static final Duration SETTLE = Duration.ofSeconds(30);
  private static final long HOUR_MS = 3_600_000L;
  private static final TestInstance ORDERFLOW = TestInstance.start("ORDERFLOW_RETENTION_INTERVAL_MS", "200");

  private final Shop shop = new Shop(ORDERFLOW.http());

  @AfterAll
  static void stop() {
    ORDERFLOW.close();
  }

  @Test
  @DisplayName("published outbox rows past 7 days, inbox rows past 7 days and idempotency keys past 24 h go; young ones and their replay stay")
  void prunesOnlyWhatOutlivedItsRetention() {
    String customer = shop.newCustomer();
    String oldOrder = placeSettled(customer, "old-" + customer);
    Await.until("the old order's events are on Kafka", SETTLE,
      () -> count("orders", "SELECT COUNT(*) FROM outbox WHERE seq > (SELECT published_through FROM outbox_watermark)") == 0);
    Await.until("notifications applied the old order's events", SETTLE,
      () -> count("notifications", "SELECT COUNT(*) FROM inbox") > 0);

    update("orders", "UPDATE outbox SET created_at = created_at - " + 169 * HOUR_MS);
    update("orders", "UPDATE order_requests SET created_at = created_at - " + 25 * HOUR_MS);
    update("notifications", "UPDATE inbox SET processed_at = processed_at - " + 169 * HOUR_MS);
    update("payment-provider", "UPDATE idempotency_keys SET created_at = created_at - " + 25 * HOUR_MS);
    String youngKey = "young-" + customer;
    String youngOrder = placeSettled(customer, youngKey);

    long now = System.currentTimeMillis();
    Await.until("the job deleted every row past its retention", Duration.ofSeconds(10), () ->
      count("orders", "SELECT COUNT(*) FROM outbox WHERE created_at < " + (now - 168 * HOUR_MS)) == 0
        && count("orders", "SELECT COUNT(*) FROM order_requests WHERE created_at < " + (now - 24 * HOUR_MS)) == 0
        && count("notifications", "SELECT COUNT(*) FROM inbox WHERE processed_at < " + (now - 168 * HOUR_MS)) == 0
        && count("payment-provider", "SELECT COUNT(*) FROM idempotency_keys WHERE created_at < " + (now - 24 * HOUR_MS)) == 0);

    assertThat(count("orders", "SELECT COUNT(*) FROM outbox WHERE event_key = '" + oldOrder + "'")).isZero();
    assertThat(count("orders", "SELECT COUNT(*) FROM outbox WHERE event_key = '" + youngOrder + "'")).isPositive();
    assertThat(count("orders", "SELECT COUNT(*) FROM order_requests WHERE idempotency_key = '" + youngKey + "'")).isEqualTo(1);
    Await.until("notifications applied the young order's events", SETTLE, () -> count("notifications", "SELECT COUNT(*) FROM inbox") > 0);
    assertThat(count("payment-provider", "SELECT COUNT(*) FROM idempotency_keys")).isPositive();

    Http.Response replay = shop.place(Shop.order(customer, "tok_visa", "MUG-0001", 1), "Idempotency-Key", youngKey);
    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.json().getString("orderId")).as("a replay within 24 h answers the stored order").isEqualTo(youngOrder);
  }

  @Test
  @DisplayName("a confirmed and a cancelled order have no payment token left, in orders nor in payments")
  void settledOrdersKeepNoToken() {
    String customer = shop.newCustomer();
    String confirmed = placeSettled(customer, null);
    String declined = shop.placeAccepted(Shop.order(customer, "tok_declined", "MUG-0001", 1));
    assertThat(shop.settled(declined, SETTLE).getString("status")).isEqualTo("CANCELLED");

    String both = "('" + confirmed + "', '" + declined + "')";
    assertThat(count("orders", "SELECT COUNT(*) FROM payment_tokens WHERE order_id IN " + both)).isZero();
    assertThat(count("payments", "SELECT COUNT(*) FROM payments WHERE order_id IN " + both)).as("both were charged").isEqualTo(2);
    assertThat(count("payments", "SELECT COUNT(*) FROM payments WHERE token IS NOT NULL AND order_id IN " + both))
      .as("a captured or declined payment keeps no card token").isZero();
  }

  private String placeSettled(String customer, String key) {
    JsonObject order = Shop.order(customer, "tok_visa", "MUG-0001", 1);
    Http.Response placed = key == null ? shop.place(order) : shop.place(order, "Idempotency-Key", key);
    assertThat(placed.status()).as(placed.body()).isEqualTo(202);
    String orderId = placed.json().getString("orderId");
    assertThat(shop.settled(orderId, SETTLE).getString("status")).isEqualTo("CONFIRMED");
    return orderId;
  }

  private static long count(String module, String query) {
    try (Connection connection = connect(module); ResultSet rows = connection.createStatement().executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(String module, String statement) {
    try (Connection connection = connect(module)) {
      connection.createStatement().executeUpdate(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection connect(String module) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + ORDERFLOW.dataDir().resolve(module + ".db") + "?busy_timeout=5000");
  }
}

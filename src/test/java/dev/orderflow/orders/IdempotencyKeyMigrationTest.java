package dev.orderflow.orders;

import dev.orderflow.support.Http;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Idempotency keys stored before they were scoped by customer keep replaying after the migration")
class IdempotencyKeyMigrationTest {

  @Test
  void keysOfTheSharedTableKeepReplayingForTheirCustomer() throws Exception {
    Path dataDir = TestInstance.newDataDir();
    String key = "key-" + UUID.randomUUID();
    String alice;
    String token;
    String alicesOrder;
    JsonObject order;
    try (TestInstance first = TestInstance.start("ORDERFLOW_DATA_DIR", dataDir.toString())) {
      Shop shop = new Shop(first.http());
      alice = shop.newCustomer();
      token = shop.accessToken(alice);
      order = Shop.order(alice, "tok_visa", "MUG-0001", 1);
      alicesOrder = shop.place(order, "Idempotency-Key", key).json().getString("orderId");
      shop.settled(alicesOrder, Duration.ofSeconds(30));
    }
    backToTheSharedKeyTable(dataDir.resolve("orders.db"));

    try (TestInstance second = TestInstance.start("ORDERFLOW_DATA_DIR", dataDir.toString())) {
      Http asAlice = new Http(second.http().baseUrl(), "Authorization", "Bearer " + token);
      Http.Response replayed = asAlice.post("/api/v1/orders", "application/json", order.encode(), "Idempotency-Key", key);
      assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
      assertThat(replayed.json().getString("orderId")).as("the stored answer").isEqualTo(alicesOrder);
      Http.Response otherBody = asAlice.post("/api/v1/orders", "application/json", Shop.order(alice, "tok_visa", "PEN-0001", 1).encode(),
        "Idempotency-Key", key);
      assertThat(otherBody.status()).as(otherBody.body()).isEqualTo(422);
      Shop shop = new Shop(second.http());
      String bob = shop.newCustomer();
      Http.Response bobs = shop.place(Shop.order(bob, "tok_visa", "PEN-0001", 1), "Idempotency-Key", key);
      assertThat(bobs.status()).as(bobs.body()).isEqualTo(202);
      assertThat(bobs.json().getString("orderId")).isNotEqualTo(alicesOrder);
      shop.settled(bobs.json().getString("orderId"), Duration.ofSeconds(30));
    }
  }

  /** The orders database as version 3 left it: one key table for all customers, and no record of version 4. */
  private static void backToTheSharedKeyTable(Path ordersDb) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + ordersDb); Statement sql = connection.createStatement()) {
      sql.executeUpdate("CREATE TABLE shared_requests (idempotency_key VARCHAR(200) NOT NULL PRIMARY KEY, fingerprint TEXT NOT NULL,"
        + " response TEXT NOT NULL, created_at BIGINT NOT NULL)");
      sql.executeUpdate("INSERT INTO shared_requests SELECT idempotency_key, fingerprint, response, created_at FROM order_requests");
      sql.executeUpdate("DROP TABLE order_requests");
      sql.executeUpdate("ALTER TABLE shared_requests RENAME TO order_requests");
      sql.executeUpdate("CREATE INDEX order_requests_by_created_at ON order_requests (created_at)");
      assertThat(sql.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '4'")).isEqualTo(1);
    }
  }
}

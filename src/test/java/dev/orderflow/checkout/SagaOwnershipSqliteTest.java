package dev.orderflow.checkout;

import dev.orderflow.support.Await;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Saga ownership on SQLite: the file belongs to one process, so a start takes over its earlier runs' sagas at once")
class SagaOwnershipSqliteTest {

  private static final Duration SETTLE = Duration.ofSeconds(30);

  @Test
  @DisplayName("an unfinished saga an earlier run holds under a long lease is taken over by the next start without waiting for the lease")
  void earlierRunsLeasesEndAtStart() throws SQLException {
    Path dataDir = TestInstance.newDataDir();
    String orderId;
    try (TestInstance earlier = TestInstance.start("ORDERFLOW_DATA_DIR", dataDir.toString())) {
      Shop shop = new Shop(earlier.http());
      orderId = shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "BOOK-0001", 1));
      assertThat(shop.settled(orderId, SETTLE).getString("status")).isEqualTo("CONFIRMED");
    }
    try (Connection checkout = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("checkout.db").toAbsolutePath());
         PreparedStatement interrupted = checkout.prepareStatement(
           "UPDATE sagas SET state = 'RUNNING', step = 'CONFIRM', owner = 'earlier-run', lease_until = ? WHERE order_id = ?")) {
      interrupted.setLong(1, System.currentTimeMillis() + Duration.ofHours(1).toMillis());
      interrupted.setString(2, orderId);
      assertThat(interrupted.executeUpdate()).isEqualTo(1);
    }

    try (TestInstance restarted = TestInstance.start("ORDERFLOW_DATA_DIR", dataDir.toString())) {
      Shop shop = new Shop(restarted.http());
      Await.until("the interrupted saga is confirmed again", SETTLE, () -> "CONFIRMED".equals(shop.sagaState(orderId)));
      JsonObject saga = shop.saga(orderId);
      List<JsonObject> taken = SagaHistory.of(saga).withOutcome("TAKEN_OVER");
      String nodeId = restarted.instance().platform().discovery().nodeId();
      assertThat(taken).hasSize(1);
      assertThat(taken.get(0).getString("detail")).startsWith("from earlier-run by " + nodeId);
      assertThat(saga.getString("owner")).isEqualTo(nodeId);
      assertThat(shop.payments(orderId)).hasSize(1);
      shop.assertInvariants(SETTLE);
    }
  }
}

package dev.orderflow.checkout;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.TestDatabases;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("The saga store on SQLite")
class SagaStoreTest {

  private static final String INSTANCE = "instance-a";

  private Database database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close().await();
    }
  }

  @Test
  @DisplayName("begins a run of sagas in one write: each new one stored with its START line, one that exists left as it was")
  void beginsARunInOneWrite(Vertx vertx) {
    database = TestDatabases.open(vertx, "sqlite", "", "checkout").await();
    SagaStore store = new SagaStore(database, INSTANCE, 60_000);
    Saga stored = store.beginAll(List.of(placed("order-1", "corr-first"))).await().get(0).orElseThrow();
    long writesBefore = database.committedWrites();

    List<Optional<Saga>> begun = store.beginAll(List.of(placed("order-2", "corr-2"), placed("order-1", "corr-again"),
      placed("order-3", "corr-3"))).await();

    assertThat(database.committedWrites() - writesBefore).as("one write for the run").isEqualTo(1);
    assertThat(begun).hasSize(3);
    assertThat(begun.get(0)).hasValueSatisfying(saga -> assertThat(saga.orderId()).isEqualTo("order-2"));
    assertThat(begun.get(1)).as("the saga that existed").isEmpty();
    assertThat(begun.get(2)).hasValueSatisfying(saga -> assertThat(saga.orderId()).isEqualTo("order-3"));
    assertThat(store.find("order-1").await()).hasValueSatisfying(saga -> {
      assertThat(saga.correlationId()).isEqualTo("corr-first");
      assertThat(saga.historySize()).isEqualTo(stored.historySize());
    });
    assertThat(store.find("order-3").await()).hasValueSatisfying(saga -> {
      assertThat(saga.ownedBy(INSTANCE)).isTrue();
      assertThat(saga.state()).isEqualTo(Saga.State.RUNNING);
      assertThat(saga.step()).isEqualTo(Saga.Step.RESERVE);
    });
    Map<String, JsonArray> histories = store.histories(List.of("order-1", "order-2", "order-3")).await();
    histories.values().forEach(history -> {
      assertThat(history).hasSize(1);
      assertThat(history.getJsonObject(0).getString("step")).isEqualTo("START");
    });
  }

  private static Saga placed(String orderId, String correlationId) {
    OrderPlaced order = new OrderPlaced(orderId, "customer-1",
      new JsonArray().add(new JsonObject().put("sku", "MUG-0001").put("quantity", 1)), "14.10", "EUR", CheckoutContract.SAGA_ORCHESTRATION);
    return Saga.begin(order, correlationId, "event-" + orderId, Saga.CLOCK_NOT_STARTED, System.currentTimeMillis());
  }
}

package dev.orderflow.loadgen;

import dev.orderflow.support.Http;
import dev.orderflow.support.RunningOrderflow;
import dev.orderflow.support.Shop;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("loadgen against a running Orderflow: every order offered is accepted and followed to its terminal state")
class LoadGeneratorTest {

  @RegisterExtension
  static final RunningOrderflow orderflow = RunningOrderflow.onSqlite();

  /** One ledger for the class: its tests share the instance, and a stock change one of them makes stays in the others' invariants. */
  private static Shop shop;

  @BeforeAll
  static void openShop() {
    shop = new Shop(orderflow.http());
  }

  @Test
  @DisplayName("async at 20/s for 2 s on two skus, one of them set down to 5 units: it tops it up to 20, every order confirms, the invariants hold")
  void asyncRun() {
    warmUp();
    long deskBefore = available("DESK-0001");
    assertThat(orderflow.http().putJson("/admin/inventory/DESK-0001", new JsonObject().put("available", 5)).status()).isEqualTo(200);
    shop.operatorChangedStock("DESK-0001", 5 - deskBefore);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Report report = LoadGenerator.execute(LoadOptions.parse("--target", orderflow.http().baseUrl(), "--rate", "20", "--duration", "2s",
      "--skus", "DESK-0001,CHAIR-0001", "--customers", "4", "--admin-token", Http.ADMIN_TOKEN, "--settle-timeout", "60s"),
      new PrintStream(printed, true, StandardCharsets.UTF_8));

    shop.operatorChangedStock("DESK-0001", 20 - 5);
    assertThat(available("DESK-0001") + reserved("DESK-0001")).isEqualTo(20);
    assertThat(report.tally().offered).isEqualTo(40);
    assertThat(report.tally().accepted).as(printed.toString(StandardCharsets.UTF_8)).isEqualTo(40);
    assertThat(report.tally().settled).isEqualTo(40);
    assertThat(report.tally().unsettled()).isZero();
    assertThat(report.tally().errors).isEmpty();
    assertThat(report.tally().outcomes).isEqualTo(Map.of("CONFIRMED", 40L));
    assertThat(report.tally().acceptance.getTotalCount()).isEqualTo(40);
    assertThat(report.tally().settleObserved.getTotalCount()).isEqualTo(40);
    assertThat(report.tally().followReads).as("one list read per busy customer a second, not one GET per order").isLessThan(40);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("DESK-0001 available 5 -> 20", "offered 40, accepted 40");
    shop.assertInvariants(Duration.ofSeconds(30));
  }

  @Test
  @DisplayName("sync at 10/s for 1 s: every synchronous checkout answers a confirmed order")
  void syncRun() {
    warmUp();
    Report report = LoadGenerator.execute(LoadOptions.parse("--target", orderflow.http().baseUrl(), "--rate", "10", "--duration", "1s",
      "--mode", "sync", "--skus", "MUG-0001", "--settle-timeout", "60s"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(report.tally().settled).isEqualTo(10);
    assertThat(report.tally().outcomes).isEqualTo(Map.of("CONFIRMED", 10L));
    assertThat(report.tally().errors).isEmpty();
    assertThat(report.table()).contains("sync:");
    shop.assertInvariants(Duration.ofSeconds(30));
  }

  @Test
  @DisplayName("accept at 20/s for 1 s after a 1-s warm-up: every measured order is timed to its 202, none is followed, the warm-up's are not counted")
  void acceptRun() throws IOException {
    warmUp();
    Path json = Files.createTempFile("loadgen", ".json");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int exit = LoadGenerator.run(new PrintStream(printed, true, StandardCharsets.UTF_8), "--target", orderflow.http().baseUrl(), "--rate", "20",
      "--duration", "1s", "--mode", "accept", "--skus", "MUG-0001", "--admin-token", Http.ADMIN_TOKEN, "--warmup", "1s", "--json", json.toString());

    assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("warm-up of 1 s at 20/s, not measured: 20 offered, 20 accepted, 0 errors",
      "accept:").doesNotContain("follow reads");
    JsonObject report = new JsonObject(Files.readString(json));
    Files.delete(json);
    assertThat(report.getLong("offered")).isEqualTo(20);
    assertThat(report.getLong("accepted")).isEqualTo(20);
    assertThat(report.getLong("settled")).isZero();
    assertThat(report.getLong("unsettled")).isZero();
    assertThat(report.getLong("followReads")).isZero();
    assertThat(report.getJsonObject("errors").isEmpty()).isTrue();
    JsonObject latency = report.getJsonObject("latencyMs");
    assertThat(latency.getJsonObject("acceptance").getLong("count")).isEqualTo(20);
    assertThat(latency.getJsonObject("sendLag").getLong("count")).isEqualTo(20);
    assertThat(latency.getJsonObject("acceptanceFromSend").getLong("count")).isEqualTo(20);
    // each order's time from its hand-over is its acceptance less its send lag: no percentile of it can be higher
    assertThat(latency.getJsonObject("acceptanceFromSend").getDouble("max")).isLessThanOrEqualTo(latency.getJsonObject("acceptance").getDouble("max"));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("  from send", "  send lag (loadgen)");
    shop.assertInvariants(Duration.ofSeconds(30));
  }

  /** One order placed and settled first: the run measures a warm instance, as the benchmark does after its warm-up run. */
  private void warmUp() {
    shop.settled(shop.placeAccepted(Shop.order(shop.newCustomer(), "tok_visa", "PEN-0001", 1)), Duration.ofSeconds(60));
  }

  private long available(String sku) {
    return orderflow.http().get("/api/v1/inventory/" + sku).json().getLong("available");
  }

  private long reserved(String sku) {
    return orderflow.http().get("/api/v1/inventory/" + sku).json().getLong("reserved");
  }
}

package dev.orderflow.loadgen;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("loadgen: its command line and its summary")
class LoadOptionsTest {

  @Test
  @DisplayName("reads every option; defaults: async, demo skus, 64 connections, one customer per 50 orders, 60 s to settle")
  void parses() {
    LoadOptions defaults = LoadOptions.parse("--target", "http://127.0.0.1:8080/", "--rate", "500", "--duration", "60s");
    assertThat(defaults.target()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(defaults.mode()).isEqualTo(LoadOptions.Mode.ASYNC);
    assertThat(defaults.totalOrders()).isEqualTo(30_000);
    assertThat(defaults.customers()).isEqualTo(600);
    assertThat(defaults.skus()).isEqualTo(LoadOptions.DEMO_SKUS);
    assertThat(defaults.connections()).isEqualTo(64);
    assertThat(defaults.settleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.adminToken()).isNull();

    LoadOptions all = LoadOptions.parse("--target", "http://localhost:9090", "--rate", "20", "--duration", "1500ms", "--mode", "sync",
      "--customers", "3", "--skus", "A-1, B-2", "--connections", "8", "--settle-timeout", "2m", "--request-timeout", "5s",
      "--admin-token", "secret", "--json", "out.json");
    assertThat(all.totalOrders()).isEqualTo(30);
    assertThat(all.mode()).isEqualTo(LoadOptions.Mode.SYNC);
    assertThat(all.customers()).isEqualTo(3);
    assertThat(all.skus()).isEqualTo(List.of("A-1", "B-2"));
    assertThat(all.connections()).isEqualTo(8);
    assertThat(all.settleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(all.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(all.adminToken()).isEqualTo("secret");
    assertThat(all.jsonReport()).isEqualTo("out.json");
    assertThat(LoadOptions.parse("--target", "http://127.0.0.1:8080", "--rate", "5", "--duration", "1s", "--mode", "accept").mode())
      .isEqualTo(LoadOptions.Mode.ACCEPT);
    assertThat(defaults.warmUp()).isZero();

    LoadOptions warmed = LoadOptions.parse("--target", "http://127.0.0.1:8080", "--rate", "500", "--duration", "60s", "--warmup", "10s",
      "--json", "out.json");
    assertThat(warmed.warmUp()).isEqualTo(Duration.ofSeconds(10));
    LoadOptions warmUpRun = warmed.warmUpRun();
    assertThat(warmUpRun.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(warmUpRun.rate()).isEqualTo(500);
    assertThat(warmUpRun.customers()).as("one per 50 of its own 5,000 orders").isEqualTo(100);
    assertThat(warmUpRun.warmUp()).isZero();
    assertThat(warmUpRun.jsonReport()).isNull();
  }

  @Test
  @DisplayName("refuses a missing, unknown or malformed option with a message naming it; the command exits 2 with the usage")
  void refuses() {
    String[] base = {"--target", "http://127.0.0.1:8080", "--rate", "5", "--duration", "1s"};
    assertThatThrownBy(() -> LoadOptions.parse("--rate", "5", "--duration", "1s")).hasMessageContaining("--target");
    assertThatThrownBy(() -> LoadOptions.parse(with(base, "--rate", "0"))).hasMessageContaining("--rate");
    assertThatThrownBy(() -> LoadOptions.parse(with(base, "--duration", "ten"))).hasMessageContaining("--duration");
    assertThatThrownBy(() -> LoadOptions.parse(with(base, "--mode", "fast"))).hasMessageContaining("--mode");
    assertThatThrownBy(() -> LoadOptions.parse(with(base, "--warmup", "soon"))).hasMessageContaining("--warmup");
    assertThatThrownBy(() -> LoadOptions.parse(with(base, "--target", "https://x:1"))).hasMessageContaining("--target");
    assertThatThrownBy(() -> LoadOptions.parse(with(base, "--skus", ","))).hasMessageContaining("--skus");
    assertThatThrownBy(() -> LoadOptions.parse(with(base, "--colour", "red"))).hasMessageContaining("unknown option --colour");
    assertThatThrownBy(() -> LoadOptions.parse(with(base, "--connections"))).hasMessageContaining("--connections needs a value");

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    assertThat(LoadGenerator.run(new PrintStream(printed, true, StandardCharsets.UTF_8), "--rate", "x")).isEqualTo(LoadGenerator.EXIT_USAGE);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("loadgen: --rate: 'x'").contains("usage: java -jar orderflow.jar loadgen");
  }

  @Test
  @DisplayName("the summary gives rates, outcomes, errors by kind and p50/p90/p99/p99.9 of acceptance and settling, as a table and as JSON")
  void summarises() {
    LoadOptions options = LoadOptions.parse("--target", "http://127.0.0.1:8080", "--rate", "4", "--duration", "2s");
    Tally tally = new Tally(options.mode().settlesOrders());
    tally.startMillis = 1_000;
    for (int i = 1; i <= 8; i++) {
      tally.offered();
      tally.answered();
    }
    for (int i = 1; i <= 7; i++) {
      tally.sent(250_000L);
      tally.accepted(i * 1_000_000L, i * 1_000_000L - 250_000L);
    }
    tally.error("HTTP 429 too-many-requests");
    for (int i = 1; i <= 6; i++) {
      tally.settled(i == 6 ? "CANCELLED OUT_OF_STOCK" : "CONFIRMED", 1_000 + i, 40 + i);
    }
    tally.lastSettleMillis = 5_000;

    Report report = Report.of(options, tally);
    String table = report.table();
    JsonObject json = report.json();

    assertThat(report.acceptedPerSecond()).isEqualTo(3.5);
    assertThat(report.settledPerSecond()).isEqualTo(1.5);
    assertThat(table).contains("offered                8 (4.0/s)", "accepted               7 (3.5/s", "settled                6 (1.5/s over 4.0 s",
      "unsettled at end       1", "CANCELLED OUT_OF_STOCK 1, CONFIRMED 5", "HTTP 429 too-many-requests 1", "resolution ~1 s");
    assertThat(table).containsPattern("acceptance +4\\.0 +7\\.0 +7\\.0 +7\\.0 +7\\.0 +7");
    assertThat(table).containsPattern("  from send +3\\.8 +6\\.8 +6\\.8 +6\\.8 +6\\.8 +7");
    assertThat(table).containsPattern("  send lag \\(loadgen\\) +0\\.3 +0\\.3 +0\\.3 +0\\.3 +0\\.3 +7");
    assertThat(table).containsPattern("settle \\(server\\) +43\\.0 +46\\.0 +46\\.0 +46\\.0 +46\\.0 +6");
    assertThat(json.getLong("accepted")).isEqualTo(7);
    assertThat(json.getLong("unsettled")).isEqualTo(1);
    assertThat(json.getJsonObject("outcomes").getLong("CONFIRMED")).isEqualTo(5);
    assertThat(json.getJsonObject("errors").getLong("HTTP 429 too-many-requests")).isEqualTo(1);
    assertThat(json.getJsonObject("latencyMs").getJsonObject("settleObserved").fieldNames())
      .containsExactlyInAnyOrder("count", "p50", "p90", "p99", "p99.9", "max");
    assertThat(json.getJsonObject("latencyMs").getJsonObject("settleObserved").getDouble("p50")).isEqualTo(1003.0);
  }

  private static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}

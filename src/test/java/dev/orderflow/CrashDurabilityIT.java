package dev.orderflow;

import dev.orderflow.support.Http;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.Load;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("kill -9 under write load loses nothing that was acknowledged")
class CrashDurabilityIT {

  private static final Duration READY = Duration.ofSeconds(60);
  private static final int IN_FLIGHT = 64;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 1500;

  @Test
  @DisplayName("every item answered 201 before the kill is there after the restart")
  void acknowledgedWritesSurviveKill9() throws Exception {
    Path dataDir = TestInstance.newDataDir();
    int httpPort = JarProcess.freePort();
    int kafkaPort = JarProcess.freePort();
    Load load = new Load();
    Set<String> acknowledged;

    try (JarProcess jar = JarProcess.start(dataDir, httpPort, kafkaPort, Map.of()).awaitReady(READY)) {
      long loadStarted = System.nanoTime();
      String baseUrl = jar.http().baseUrl();
      acknowledged = load.untilAcknowledged(ACKNOWLEDGED_BEFORE_KILL, IN_FLIGHT, n -> put(baseUrl, "CRASH-" + n),
        response -> response.statusCode() == 201 ? response.request().uri().getPath().substring("/admin/catalog/items/".length()) : null);
      System.out.printf("write load ran %d ms%n", (System.nanoTime() - loadStarted) / 1_000_000);
      jar.kill();
    }
    Set<String> ackedAtKill = Set.copyOf(acknowledged);
    System.out.printf("kill -9 after %d writes sent, %d acknowledged%n", load.sent(), ackedAtKill.size());

    try (JarProcess restarted = JarProcess.start(dataDir, httpPort, kafkaPort, Map.of()).awaitReady(READY)) {
      Http http = restarted.http();
      long checkStarted = System.nanoTime();
      List<String> missing = ackedAtKill.stream().filter(sku -> http.get("/api/v1/items/" + sku).status() != 200).toList();

      System.out.printf("checked %d items in %d ms%n", ackedAtKill.size(), (System.nanoTime() - checkStarted) / 1_000_000);
      assertThat(ackedAtKill).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
      assertThat(missing).as("acknowledged items missing after kill -9 (of %d acknowledged, %d sent)",
        ackedAtKill.size(), load.sent()).isEmpty();
      restarted.terminate(Duration.ofSeconds(15));
    }
  }

  private static HttpRequest put(String baseUrl, String sku) {
    String body = new JsonObject().put("name", "Crash test " + sku).put("description", "x".repeat(120))
      .put("price", "9.99").put("currency", "EUR").encode();
    return HttpRequest.newBuilder(URI.create(baseUrl + "/admin/catalog/items/" + sku))
      .timeout(Duration.ofSeconds(30))
      .header("Content-Type", "application/json")
      .header("Authorization", "Bearer " + Http.ADMIN_TOKEN)
      .PUT(HttpRequest.BodyPublishers.ofString(body))
      .build();
  }
}

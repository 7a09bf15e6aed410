package dev.orderflow;

import dev.orderflow.support.Await;
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
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("kill -9 while the consumer groups are mid-stream: after the restart every customer has exactly one welcome")
class ConsumerCrashIT {

  private static final int CUSTOMERS = 300;
  private static final Duration READY = Duration.ofSeconds(60);

  @Test
  void exactlyOneWelcomeAfterCrash() throws InterruptedException {
    Path dataDir = TestInstance.newDataDir();
    int httpPort = JarProcess.freePort();
    int kafkaPort = JarProcess.freePort();
    Set<String> customers;
    int welcomedAtKill;

    try (JarProcess jar = JarProcess.start(dataDir, httpPort, kafkaPort, Map.of()).awaitReady(READY)) {
      Http http = jar.http();
      customers = new Load().untilAcknowledged(CUSTOMERS, 32, n -> register(http.baseUrl(), n),
        response -> response.statusCode() == 201 ? new JsonObject(response.body()).getString("id") : null);
      welcomedAtKill = http.get("/admin/messaging").json().getJsonObject("consumed", new JsonObject()).getInteger("notifications", 0);
      jar.kill();
    }
    System.out.printf("kill -9 with %d of %d registrations consumed by notifications%n", welcomedAtKill, CUSTOMERS);

    try (JarProcess restarted = JarProcess.start(dataDir, httpPort, kafkaPort, Map.of()).awaitReady(READY)) {
      Http http = restarted.http();
      Await.until("analytics counted every acknowledged registration", Duration.ofSeconds(90),
        () -> http.get("/api/v1/analytics/registrations").json().getLong("total") >= customers.size());
      Await.until("every customer has a welcome", Duration.ofSeconds(60),
        () -> customers.stream().allMatch(id -> welcomes(http, id) >= 1));

      assertThat(customers).allSatisfy(id -> assertThat(welcomes(http, id)).as("welcomes of %s", id).isEqualTo(1));
      assertThat(http.get("/api/v1/analytics/registrations").json().getLong("total"))
        .as("registrations in flight at the kill may or may not have committed").isBetween((long) customers.size(), (long) customers.size() + 32);
      assertThat(restarted.terminate(Duration.ofSeconds(15))).isZero();
    }
  }

  private static HttpRequest register(String baseUrl, int n) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/customers"))
      .timeout(Duration.ofSeconds(30))
      .header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", "crash-" + n + "@example.com").put("name", "Crash " + n).encode()))
      .build();
  }

  private static int welcomes(Http http, String customerId) {
    return http.get("/api/v1/customers/" + customerId + "/notifications").json().getJsonArray("notifications").size();
  }
}

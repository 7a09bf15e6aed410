package dev.orderflow.gateway;

import dev.orderflow.catalog.CatalogModule;
import io.vertx.core.DeploymentOptions;
import dev.orderflow.platform.Settings;
import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Gateway → catalog when the catalog misbehaves: discovery, timeouts, circuit breaker")
class ResilienceTest {

  private static final long TIMEOUT_MS = 300;
  private static final int MAX_FAILURES = 3;
  private static final long RESET_MS = 1000;

  private TestInstance orderflow;
  private Http http;
  private Vertx vertx;
  private final List<String> breakerStates = new CopyOnWriteArrayList<>();
  private boolean orderflowStopsInTest;

  @BeforeEach
  void start() {
    orderflow = TestInstance.start(
      "ORDERFLOW_MODULES", "gateway",
      "ORDERFLOW_REQUEST_TIMEOUT_MS", String.valueOf(TIMEOUT_MS),
      "ORDERFLOW_BREAKER_MAX_FAILURES", String.valueOf(MAX_FAILURES),
      "ORDERFLOW_BREAKER_RESET_TIMEOUT_MS", String.valueOf(RESET_MS));
    http = orderflow.http();
    vertx = orderflow.instance().platform().vertx();
    vertx.eventBus().<JsonObject>consumer("orderflow.breakers", event -> breakerStates.add(event.body().getString("state")))
      .completion().await();
  }

  @AfterEach
  void stop() {
    if (!orderflowStopsInTest) {
      orderflow.close();
    }
  }

  @Test
  @DisplayName("without a catalog record the gateway answers 503 with Retry-After at once")
  void noRecordIsUnavailable() {
    Http.Response response = http.get("/api/v1/items/ANY");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.header("Retry-After")).isEqualTo("1");
    assertThat(response.json().getString("detail")).contains("no 'catalog' service");
  }

  @Test
  @DisplayName("a catalog slower than the timeout gives 504 after about the timeout")
  void slowCatalogTimesOut() {
    FakeCatalog fake = fakeCatalog();
    fake.mode(FakeCatalog.Mode.SILENT);

    long started = System.nanoTime();
    Http.Response response = http.get("/api/v1/items/FAKE-1");
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.status()).isEqualTo(504);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.json().getString("detail")).contains("did not answer within " + TIMEOUT_MS + " ms");
    assertThat(elapsedMs).isBetween(TIMEOUT_MS - 50, TIMEOUT_MS + 2000);
  }

  @Test
  @DisplayName("the breaker opens after repeated failures, fails fast while open, half-opens after its reset time and closes on success")
  void breakerOpensAndHalfOpens() {
    FakeCatalog fake = fakeCatalog();
    fake.mode(FakeCatalog.Mode.BROKEN);

    for (int i = 0; i < MAX_FAILURES; i++) {
      assertThat(http.get("/api/v1/items/FAKE-1").status()).isEqualTo(503);
    }
    Await.until("the breaker reports OPEN", Duration.ofSeconds(2), () -> breakerStates.contains("OPEN"));
    int callsWhenOpened = fake.calls();
    Http.Response rejected = http.get("/api/v1/items/FAKE-1");

    assertThat(callsWhenOpened).isEqualTo(MAX_FAILURES);
    assertThat(rejected.status()).isEqualTo(503);
    assertThat(rejected.header("Retry-After")).isEqualTo("1");
    assertThat(rejected.json().getString("detail")).contains("circuit breaker");
    assertThat(fake.calls()).as("an open breaker does not call the catalog").isEqualTo(callsWhenOpened);

    fake.mode(FakeCatalog.Mode.OK);
    Await.until("the breaker lets a trial request through", Duration.ofMillis(RESET_MS * 4),
      () -> http.get("/api/v1/items/FAKE-1").status() == 200);

    // the breaker's notices are published on the bus: the last may arrive after the answer it closed on
    Await.until("the breaker reports OPEN, HALF_OPEN, CLOSED", Duration.ofSeconds(2),
      () -> breakerStates.containsAll(List.of("OPEN", "HALF_OPEN", "CLOSED")));
    assertThat(breakerStates).containsSubsequence("OPEN", "HALF_OPEN", "CLOSED");
    assertThat(http.get("/api/v1/items/FAKE-1").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("refusals such as 404 are answers, not faults: they never open the breaker")
  void refusalsDoNotTripTheBreaker() {
    FakeCatalog fake = fakeCatalog();
    fake.mode(FakeCatalog.Mode.NOT_FOUND);

    for (int i = 0; i < MAX_FAILURES * 3; i++) {
      assertThat(http.get("/api/v1/items/FAKE-1").status()).isEqualTo(404);
    }

    assertThat(fake.calls()).isEqualTo(MAX_FAILURES * 3);
    assertThat(breakerStates).doesNotContain("OPEN");
  }

  @Test
  @DisplayName("a module publishes its record when it starts and unpublishes it when it stops")
  void discoveryPublishAndUnpublish() {
    JsonObject catalogSettings = Settings.catalog().resolve(new JsonObject()).getJsonObject("catalog");
    String deployment = vertx.deployVerticle(new CatalogModule(orderflow.instance().platform()),
      new DeploymentOptions().setConfig(catalogSettings)).await();

    assertThat(orderflow.instance().platform().discovery().lookup("catalog").await()).isNotNull();
    assertThat(http.get("/api/v1/items/MUG-0001").status()).isEqualTo(200);

    vertx.undeploy(deployment).await();

    assertThat(orderflow.instance().platform().discovery().lookup("catalog").await()).isNull();
    Http.Response afterStop = http.get("/api/v1/items?limit=5");
    assertThat(afterStop.status()).isEqualTo(503);
    assertThat(afterStop.json().getString("detail")).contains("no 'catalog' service");
  }

  @Test
  @DisplayName("stopping lets a request in flight finish, then refuses new connections")
  void stopDrainsInFlightRequests() throws Exception {
    FakeCatalog fake = fakeCatalog();
    fake.mode(FakeCatalog.Mode.SLOW);
    orderflowStopsInTest = true;

    CompletableFuture<Long> answeredAt = CompletableFuture.supplyAsync(() -> {
      assertThat(http.get("/api/v1/items/FAKE-1").status()).isEqualTo(200);
      return System.nanoTime();
    });
    Await.until("the request reached the catalog", Duration.ofSeconds(5), () -> fake.calls() == 1);
    long stopStartedAt = System.nanoTime();
    orderflow.close();

    assertThat(answeredAt.get(10, TimeUnit.SECONDS)).as("answered while stopping").isGreaterThan(stopStartedAt);
    assertThatThrownBy(() -> http.get("/health/live")).isInstanceOf(UncheckedIOException.class);
  }

  private FakeCatalog fakeCatalog() {
    FakeCatalog fake = new FakeCatalog(vertx);
    orderflow.instance().platform().discovery().publishEventBusService("catalog", FakeCatalog.ADDRESS).await();
    return fake;
  }
}

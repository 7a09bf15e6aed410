package dev.orderflow.payments;

import dev.orderflow.platform.Settings;
import dev.orderflow.support.Await;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("ProviderBreaker: opens on a failure rate over the latest attempts, not on a run of failures")
class ProviderBreakerTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger calls = new AtomicInteger();
  private ProviderBreaker breaker;

  @BeforeEach
  void create(Vertx vertx) {
    JsonObject payments = new JsonObject().put("provider-keep-alive-seconds", 10)
      .put("breaker-failure-rate", 60).put("breaker-window", 10).put("breaker-min-attempts", 10).put("breaker-reset-ms", 200);
    JsonObject config = Settings.catalog().resolve(new JsonObject().put("payments", payments)).getJsonObject("payments");
    breaker = new ProviderBreaker(vertx, PaymentsOptions.from(config), registry);
  }

  @AfterEach
  void close() {
    breaker.close();
  }

  @Test
  @DisplayName("stays closed below the rate (a run of failures included), opens at it and then fails at once; half-open after the reset time, closed after good trials")
  void opensOnRate() {
    for (int i = 0; i < 10; i++) {
      attempt(i >= 5);
    }
    assertThat(state()).as("5 failures in a row, but 50 %% of the window: below 60 %%").isZero();

    attempt(true);
    assertThat(state()).as("6 of the last 10 failed").isEqualTo(2);

    int before = calls.get();
    Future<String> refused = attempt(false);
    assertThat(refused.cause()).isInstanceOf(CallNotPermittedException.class);
    assertThat(calls.get()).as("an open breaker calls nobody").isEqualTo(before);

    Await.until("half-open after the reset time, without any call", Duration.ofSeconds(5), () -> state() == 1);
    attempt(false);
    attempt(false);
    attempt(false);
    assertThat(state()).as("3 good trial attempts close it").isZero();
  }

  /** One attempt through the breaker that succeeds or fails at once, as asked. */
  private Future<String> attempt(boolean fails) {
    return breaker.execute(() -> {
      calls.incrementAndGet();
      return fails ? Future.failedFuture(new IllegalStateException("provider 503")) : Future.succeededFuture("ok");
    });
  }

  private double state() {
    return registry.get("orderflow.breaker.state").gauge().value();
  }
}

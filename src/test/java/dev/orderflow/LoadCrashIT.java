package dev.orderflow;

import dev.orderflow.support.JarProcess;
import dev.orderflow.support.OrderArrivals;
import dev.orderflow.support.ProviderLedger;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test at load: orders arrive at a fixed rate (open model, {@code -Dorderflow.crash.rate},
 * orders per second) and the instance is killed with SIGKILL while they keep arriving. The rate
 * comes after {@code -Dorderflow.crash.warm-seconds} at a quarter of it: a jar fresh from {@code java -jar}
 * still compiles, and at the full rate its orders breaker opened and refused most orders (503) before
 * the kill, so the kill did not find the load it is meant to survive. After the
 * restart every order that was answered 202 exists and ends terminal, no saga is left running, a
 * confirmed order was captured exactly once and any other order keeps nothing, and stock and money
 * add up.
 */
@DisplayName("kill -9 under a fixed arrival rate: every 202 survives and every saga ends terminal")
class LoadCrashIT {

  private static final int RATE = Integer.getInteger("orderflow.crash.rate", 400);
  private static final int WARM_RATE = Math.max(1, RATE / 4);
  private static final int WARM_SECONDS = Integer.getInteger("orderflow.crash.warm-seconds", 30);
  private static final int SECONDS_BEFORE_KILL = 4;
  private static final Duration READY = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(180);
  private static final int CUSTOMERS = 16;

  @Test
  void everyAcceptedOrderSurvives() {
    Path dataDir = TestInstance.newDataDir();
    int httpPort = JarProcess.freePort();
    int kafkaPort = JarProcess.freePort();
    Map<String, String> settings = Map.of("ORDERFLOW_RATE_LIMIT_ENABLED", "false");
    Set<String> accepted = new HashSet<>();

    try (JarProcess jar = JarProcess.start(dataDir, httpPort, kafkaPort, settings).awaitReady(READY)) {
      Shop shop = new Shop(jar.http());
      OrderArrivals warming = OrderArrivals.start(shop, CUSTOMERS, WARM_RATE);
      try {
        warming.awaitAccepted(WARM_RATE * WARM_SECONDS, Duration.ofSeconds(WARM_SECONDS * 2L));
      } finally {
        warming.close();
        System.out.printf("warm-up at %d orders/s: %s%n", WARM_RATE, warming.summary());
      }
      OrderArrivals load = OrderArrivals.start(shop, CUSTOMERS, RATE);
      try {
        load.awaitAccepted(RATE * SECONDS_BEFORE_KILL, Duration.ofSeconds(60));
      } finally {
        jar.kill();
        load.close();
        System.out.printf("kill -9 at %d orders/s: %s%n", RATE, load.summary());
      }
      accepted.addAll(warming.accepted());
      accepted.addAll(load.accepted());
    }

    try (JarProcess restarted = JarProcess.start(dataDir, httpPort, kafkaPort, settings).awaitReady(READY)) {
      Shop shop = new Shop(restarted.http());
      shop.assertInvariants(SETTLE);
      long confirmed = shop.assertCheckoutsFinished(accepted, ProviderLedger.sqlite(dataDir));
      assertThat(accepted.size()).as("orders accepted before the kill").isGreaterThanOrEqualTo((WARM_RATE * WARM_SECONDS) + (RATE * SECONDS_BEFORE_KILL));
      assertThat(confirmed).as("the restart finished checkouts instead of cancelling them all").isPositive();
      assertThat(restarted.terminate(Duration.ofSeconds(15))).isZero();
    }
  }
}

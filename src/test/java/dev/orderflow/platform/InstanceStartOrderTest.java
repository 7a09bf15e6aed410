package dev.orderflow.platform;

import dev.orderflow.support.TestInstance;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@DisplayName("Instance start: a module deploys once its own preparation and the modules it requires are done")
class InstanceStartOrderTest {

  /** Far below the 60 s a start waits for one module: the start thread waiting on a preparation would pass it. */
  private static final Duration START = Duration.ofSeconds(30);

  @Test
  @DisplayName("a module whose preparation waits for a module registered after it does not hold that module back")
  void aPreparationInProgressHoldsBackNoModuleRegisteredAfterIt() {
    List<String> startOrder = new CopyOnWriteArrayList<>();
    Promise<Deployable> preparation = Promise.promise();
    ModuleRegistry registry = new ModuleRegistry()
      .registerPrepared("prepared-late", platform -> preparation.future())
      .register("independent", platform -> recording("independent", startOrder, () -> preparation.complete(recording("prepared-late", startOrder, () -> { }))));
    Map<String, String> settings = new HashMap<>(TestInstance.defaults(TestInstance.newDataDir()));
    settings.put("ORDERFLOW_PROBE_PORT", "0");

    Instance instance = assertTimeoutPreemptively(START, () -> Instance.start(registry, settings));
    try {
      assertThat(startOrder).containsExactly("independent", "prepared-late");
    } finally {
      instance.stop();
    }
  }

  private static Deployable recording(String module, List<String> startOrder, Runnable onStart) {
    return new VerticleBase() {
      @Override
      public Future<?> start() {
        startOrder.add(module);
        onStart.run();
        return Future.succeededFuture();
      }
    };
  }
}

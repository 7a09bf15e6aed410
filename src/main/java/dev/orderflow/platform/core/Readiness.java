package dev.orderflow.platform.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

import java.util.function.Supplier;

/**
 * What {@code /health/ready} reports: one check per selected module (down until the module has
 * started) and one per dependency (each database, Kafka), each probed live with a timeout.
 */
public final class Readiness {

  private static final long CHECK_TIMEOUT_MS = 3000;

  private final HealthChecks checks;

  @Wiring
  public Readiness(Vertx vertx) {
    this.checks = HealthChecks.create(vertx);
  }

  public HealthChecks checks() {
    return checks;
  }

  public void registerDependency(String name, Supplier<Future<Status>> probe) {
    checks.register("dependencies/" + name, CHECK_TIMEOUT_MS, promise -> probe.get()
      .otherwise(failure -> Status.KO(new JsonObject().put("error", String.valueOf(failure.getMessage()))))
      .onComplete(promise));
  }

  /** The outbox backlog of a module: reported, never a reason to be unready. */
  @Wiring
  public void registerBacklog(String module, Supplier<Future<Long>> backlog) {
    checks.register("outbox/" + module, CHECK_TIMEOUT_MS, promise -> backlog.get()
      .map(rows -> Status.OK(new JsonObject().put("backlog", rows)))
      .otherwise(failure -> Status.OK(new JsonObject().put("backlog", "unknown: " + failure.getMessage())))
      .onComplete(promise));
  }

  @Wiring
  public void unregisterBacklog(String module) {
    checks.unregister("outbox/" + module);
  }

  public void unregisterDependency(String name) {
    checks.unregister("dependencies/" + name);
  }

  @Wiring
  public void moduleStarting(String module) {
    moduleState(module, Status.KO(new JsonObject().put("state", "starting")));
  }

  @Wiring
  public void moduleStarted(String module) {
    moduleState(module, Status.OK(new JsonObject().put("state", "started")));
  }

  @Wiring
  public void moduleStopping(String module) {
    moduleState(module, Status.KO(new JsonObject().put("state", "stopping")));
  }

  private void moduleState(String module, Status status) {
    String name = "modules/" + module;
    checks.unregister(name);
    checks.register(name, promise -> promise.complete(status));
  }
}

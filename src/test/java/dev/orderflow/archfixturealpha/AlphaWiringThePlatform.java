package dev.orderflow.archfixturealpha;

import dev.orderflow.platform.core.Readiness;
import io.vertx.core.Vertx;

/** A planted violation: a module calling the platform's wiring API, for the architecture rules to catch. */
public final class AlphaWiringThePlatform {

  Readiness wire(Vertx vertx) {
    return new Readiness(vertx);
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.Platform;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The gateway module: deploys the HTTP verticle (the only public HTTP server). */
public final class GatewayModule extends VerticleBase {

  private final Platform platform;

  public GatewayModule(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Future<?> start() {
    return vertx.deployVerticle(new GatewayHttpVerticle(platform, GatewayOptions.from(config())));
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.Platform;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The gateway module: deploys the HTTP verticle (the only public HTTP server). */
public final class GatewayModule extends VerticleBase {

  private final Platform platform;
  private final ApiContract contract;
  private final RequestValidation validation;

  private GatewayModule(Platform platform, ApiContract contract, RequestValidation validation) {
    this.platform = platform;
    this.contract = contract;
    this.validation = validation;
  }

  /**
   * Reads the API contract and builds its request checks, the slow part of the gateway's start
   * (the validator reads its meta-schemas through Vert.x's file resolver, which searches the whole
   * jar for each), while the modules it calls start.
   */
  public static Future<Deployable> prepare(Platform platform) {
    return platform.vertx().executeBlocking(ApiContract::new).compose(contract ->
      RequestValidation.load(platform.vertx(), contract.forRequestValidation())
        .map(validation -> new GatewayModule(platform, contract, validation)));
  }

  @Override
  public Future<?> start() {
    return vertx.deployVerticle(new GatewayHttpVerticle(platform, GatewayOptions.from(config()), contract, validation));
  }
}

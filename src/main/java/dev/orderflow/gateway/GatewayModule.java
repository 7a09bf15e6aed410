package dev.orderflow.gateway;

import dev.orderflow.platform.Platform;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The gateway module: deploys the HTTP verticles (the only public HTTP server). */
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

  /** One HTTP verticle per event loop the gateway serves on, all on one port; the record is published once they all listen. */
  @Override
  public Future<?> start() {
    GatewayOptions options = GatewayOptions.from(config());
    return SharedGateway.start(vertx, platform, options).compose(shared ->
      vertx.deployVerticle(() -> new GatewayHttpVerticle(platform, options, contract, validation, shared),
          new DeploymentOptions().setInstances(options.httpEventLoops()))
        .compose(deployed -> shared.publish(options.httpHost())));
  }
}

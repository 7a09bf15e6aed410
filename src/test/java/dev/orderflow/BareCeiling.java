package dev.orderflow;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The benchmarks' ceiling: a bare Vert.x HTTP server on the jar's vertx-core, one verticle (one event
 * loop) per core, answering every request with one small JSON body. bench/http.sh and bench/e2e.sh
 * start it and measure it with the same tool and settings as Orderflow, in the same run.
 * Usage: {@code BareCeiling <port>}; prints "ceiling ready on <port>" once it listens.
 */
public final class BareCeiling extends VerticleBase {

  private static final Buffer BODY = Buffer.buffer("{\"status\":\"UP\"}");

  private final int port;

  private BareCeiling(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int cores = Runtime.getRuntime().availableProcessors();
    Vertx.vertx().deployVerticle(() -> new BareCeiling(port), new DeploymentOptions().setInstances(cores))
      .onSuccess(id -> System.out.println("ceiling ready on " + port + " with " + cores + " event loops"))
      .onFailure(failure -> {
        System.err.println("ceiling: " + failure.getMessage());
        System.exit(1);
      });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer()
      .requestHandler(request -> request.response().putHeader("Content-Type", "application/json").end(BODY))
      .listen(port, "127.0.0.1");
  }
}

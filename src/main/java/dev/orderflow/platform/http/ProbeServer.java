package dev.orderflow.platform.http;

import dev.orderflow.platform.core.Metrics;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.platform.core.Wiring;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * The probes of an instance that runs no gateway ({@code /health/live}, {@code /health/ready},
 * {@code /metrics}), so that an orchestrator can probe every node of a cluster; a node with the
 * gateway answers them on the gateway's port instead. Nothing else is served here.
 */
public final class ProbeServer extends VerticleBase {

  private final Readiness readiness;
  private final Metrics metrics;
  private final HttpServerLimits limits;
  private final String host;
  private final int port;
  private HttpServer server;

  @Wiring
  public ProbeServer(Readiness readiness, Metrics metrics, HttpServerLimits limits, String host, int port) {
    this.readiness = readiness;
    this.metrics = metrics;
    this.limits = limits;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    Probes.mountOn(router, readiness, metrics);
    return limits.guard(vertx, vertx.createHttpServer(limits.applyTo(new HttpServerOptions())), router, "probes")
      .listen(port, host)
      .recover(failure -> Future.failedFuture(StartupException.of("ORDERFLOW_PROBE_PORT",
        "cannot listen on " + host + ":" + port + ": " + failure.getMessage())))
      .onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The base URL it answers on, once started. */
  public String url() {
    return "http://" + host + ":" + server.actualPort() + "/";
  }
}

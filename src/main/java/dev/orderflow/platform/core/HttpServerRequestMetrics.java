package dev.orderflow.platform.core;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * One HTTP server's metrics: its requests on {@link HttpRequestMeters}, its connections (and WebSockets) on
 * vertx-micrometer-metrics' own server metrics, which resolve their meters once per connection.
 *
 * @param <W> the library's WebSocket metric
 * @param <S> the library's connection metric
 */
final class HttpServerRequestMetrics<W, S> implements HttpServerMetrics<HttpServerRequestMetrics.Request, W, S> {

  private final HttpServerMetrics<?, W, S> connections;
  private final HttpRequestMeters meters;

  HttpServerRequestMetrics(HttpServerMetrics<?, W, S> connections, HttpRequestMeters meters) {
    this.connections = connections;
    this.meters = meters;
  }

  /** A request from its beginning: it is out of flight once both its request and its response ended, unless reset. */
  static final class Request {
    private final HttpRequestMeters.ByMethod method;
    private final long beganNanos = System.nanoTime();
    /** The routes that handled it, joined by '>' as the library joins them; empty when none matched. */
    private String route = "";
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean reset;

    private Request(HttpRequestMeters.ByMethod method) {
      this.method = method;
      method.inFlight().increment();
    }

    private void routed(String name) {
      if (name != null) {
        route = route.isEmpty() ? name : route + ">" + name;
      }
    }

    /** Marks one side ended; true once both are and the request was not reset, when it leaves the in-flight count. */
    private boolean ended(boolean response) {
      if (response) {
        responseEnded = true;
      } else {
        requestEnded = true;
      }
      return !reset && requestEnded && responseEnded;
    }
  }

  @Override
  public Request requestBegin(S socket, HttpRequest request) {
    return new Request(meters.of(request.method()));
  }

  @Override
  public void requestRouted(Request request, String route) {
    request.routed(route);
  }

  @Override
  public void requestEnd(Request request, HttpRequest httpRequest, long bytesRead) {
    request.method.requestBytes().record(bytesRead);
    if (request.ended(false)) {
      request.method.inFlight().decrement();
    }
  }

  @Override
  public void requestReset(Request request) {
    meters.reset(request.method);
    request.method.inFlight().decrement();
    request.reset = true;
  }

  @Override
  public Request responsePushed(S socket, HttpMethod method, String uri, HttpResponse response) {
    return new Request(meters.of(method));
  }

  @Override
  public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
    meters.answered(new HttpRequestMeters.Answered(request.method.label(), request.route, response.statusCode()), request.beganNanos,
      bytesWritten);
    if (request.ended(true)) {
      request.method.inFlight().decrement();
    }
  }

  @Override
  public W connected(S socket, Request request, ServerWebSocket webSocket) {
    // the library's WebSocket gauge reads only the connection's tags, not its own request metric
    return connections.connected(socket, null, webSocket);
  }

  @Override
  public void disconnected(W webSocket) {
    connections.disconnected(webSocket);
  }

  @Override
  public S connected(SocketAddress remoteAddress, String remoteName) {
    return connections.connected(remoteAddress, remoteName);
  }

  @Override
  public void disconnected(S socket, SocketAddress remoteAddress) {
    connections.disconnected(socket, remoteAddress);
  }

  @Override
  public void bytesRead(S socket, SocketAddress remoteAddress, long numberOfBytes) {
    connections.bytesRead(socket, remoteAddress, numberOfBytes);
  }

  @Override
  public void bytesWritten(S socket, SocketAddress remoteAddress, long numberOfBytes) {
    connections.bytesWritten(socket, remoteAddress, numberOfBytes);
  }

  @Override
  public void exceptionOccurred(S socket, SocketAddress remoteAddress, Throwable t) {
    connections.exceptionOccurred(socket, remoteAddress, t);
  }

  @Override
  public void close() {
    connections.close();
  }
}

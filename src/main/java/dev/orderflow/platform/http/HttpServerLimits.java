package dev.orderflow.platform.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an HTTP server grants a client, so that slow or idle clients cannot hold its connections:
 * a new connection's first request must have its headers in within {@code requestReadTimeoutMs},
 * a kept-alive connection's next request within {@code idleTimeoutMs} of the previous answer, and
 * a body within {@code requestReadTimeoutMs} of its headers, or the connection is closed. These are
 * deadlines, not idle timers: a client that drips a header a byte at a time is never idle. Time
 * spent answering is not counted (Netty's idle timeout would cut a slow answer, so it is not used).
 * Beyond {@code maxConnections} open connections a new one is closed as soon as it is accepted.
 */
public record HttpServerLimits(int idleTimeoutMs, long requestReadTimeoutMs, int maxConnections) {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServerLimits.class);

  public HttpServerLimits {
    if (idleTimeoutMs < 1 || requestReadTimeoutMs < 1 || maxConnections < 1) {
      throw new IllegalArgumentException("HTTP server limits must be positive");
    }
  }

  /** Reads {@code idle-timeout-ms}, {@code request-read-timeout-ms} and {@code max-connections} of a server's settings. */
  public static HttpServerLimits from(JsonObject config) {
    return new HttpServerLimits(config.getInteger("idle-timeout-ms"), config.getLong("request-read-timeout-ms"),
      config.getInteger("max-connections"));
  }

  /**
   * Turns h2c off: with h2c on, Vert.x announces a connection only once its first request is read,
   * too late to put a deadline on reading it. (h2c also made JDK 17's HttpClient fail requests still
   * being served when a server drains, JDK-8335181.)
   */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    return options.setHttp2ClearTextEnabled(false);
  }

  /**
   * Puts the limits on {@code server}, which answers with {@code router}. Call from the verticle
   * that owns the server: its handlers then all run on that verticle's event loop.
   */
  public HttpServer guard(Vertx vertx, HttpServer server, Router router, String serverName) {
    Guard guard = new Guard(vertx, serverName);
    router.route().order(Integer.MIN_VALUE).handler(guard::requestArrived);
    return server.connectionHandler(guard::connected).requestHandler(router);
  }

  /** The per-connection read deadlines of one server. */
  private final class Guard {

    private final Vertx vertx;
    private final String serverName;
    private final Set<HttpConnection> open = new HashSet<>();
    private final Map<HttpConnection, Long> readDeadlines = new HashMap<>();

    Guard(Vertx vertx, String serverName) {
      this.vertx = vertx;
      this.serverName = serverName;
    }

    void connected(HttpConnection connection) {
      if (open.size() >= maxConnections) {
        LOG.debug("{}: refused a connection from {}: {} connections are open (max-connections)", serverName,
          connection.remoteAddress(), open.size());
        connection.close();
        return;
      }
      open.add(connection);
      connection.closeHandler(closed -> {
        open.remove(connection);
        cancelDeadline(connection);
      });
      awaitRequest(connection, requestReadTimeoutMs, "a request");
    }

    /** The headers are in; the deadline now waits for the body, then for the answer's end. */
    void requestArrived(RoutingContext ctx) {
      HttpServerRequest request = ctx.request();
      HttpConnection connection = request.connection();
      cancelDeadline(connection);
      if (!request.isEnded()) {
        readDeadlines.put(connection, vertx.setTimer(requestReadTimeoutMs, fired -> {
          readDeadlines.remove(connection);
          if (!request.isEnded()) {
            closeSlow(connection, "its body", requestReadTimeoutMs);
          }
        }));
      }
      ctx.addEndHandler(answered -> awaitRequest(connection, idleTimeoutMs, "another request"));
      ctx.next();
    }

    private void awaitRequest(HttpConnection connection, long timeoutMs, String what) {
      cancelDeadline(connection);
      if (!open.contains(connection)) {
        return;
      }
      readDeadlines.put(connection, vertx.setTimer(timeoutMs, fired -> {
        readDeadlines.remove(connection);
        closeSlow(connection, what, timeoutMs);
      }));
    }

    private void cancelDeadline(HttpConnection connection) {
      Long timer = readDeadlines.remove(connection);
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
    }

    private void closeSlow(HttpConnection connection, String what, long timeoutMs) {
      LOG.debug("{}: closed a connection from {} that did not send {} within {} ms", serverName, connection.remoteAddress(), what,
        timeoutMs);
      connection.close();
    }
  }
}

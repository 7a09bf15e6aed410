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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

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
   * Puts the limits on {@code server}, which answers with {@code router}, served by this verticle alone.
   * Call from the verticle that owns the server: its handlers then all run on that verticle's event loop.
   */
  public HttpServer guard(Vertx vertx, HttpServer server, Router router, String serverName) {
    return shared(serverName).guard(vertx, server, router);
  }

  /**
   * The limits of one server that several verticle instances serve together, each on its own event
   * loop (Vert.x shares the port among them): they count their connections against
   * {@code maxConnections} together, and each keeps the read deadlines of its own connections.
   */
  public SharedServer shared(String serverName) {
    return new SharedServer(serverName);
  }

  /** One server's connection count, shared by the verticle instances that serve it. */
  public final class SharedServer {

    private final String serverName;
    private final AtomicInteger openConnections = new AtomicInteger();

    private SharedServer(String serverName) {
      this.serverName = serverName;
    }

    /** Puts the limits on this verticle instance's {@code server}; call from that verticle. */
    public HttpServer guard(Vertx vertx, HttpServer server, Router router) {
      Guard guard = new Guard(vertx, serverName, openConnections);
      router.route().order(Integer.MIN_VALUE).handler(guard::requestArrived);
      return server.connectionHandler(guard::connected).requestHandler(router);
    }
  }

  /**
   * The per-connection read deadlines of one verticle instance's connections. A request arrives and is answered far more
   * often than a deadline passes, so arming and clearing a deadline only moves a timestamp; one
   * timer per connection wakes at the earliest instant a deadline can pass and, when it has been
   * moved since, sleeps again until the new one (a timer set and cancelled per request cost more
   * than the rest of the check).
   */
  private final class Guard {

    private final Vertx vertx;
    private final String serverName;
    private final AtomicInteger openConnections;
    private final Map<HttpConnection, ReadDeadline> deadlines = new HashMap<>();

    Guard(Vertx vertx, String serverName, AtomicInteger openConnections) {
      this.vertx = vertx;
      this.serverName = serverName;
      this.openConnections = openConnections;
    }

    void connected(HttpConnection connection) {
      int open = openConnections.incrementAndGet();
      if (open > maxConnections) {
        openConnections.decrementAndGet();
        LOG.debug("{}: refused a connection from {}: {} connections are open (max-connections)", serverName,
          connection.remoteAddress(), open - 1);
        connection.close();
        return;
      }
      ReadDeadline deadline = new ReadDeadline(connection);
      deadlines.put(connection, deadline);
      connection.closeHandler(closed -> {
        openConnections.decrementAndGet();
        deadlines.remove(connection);
        deadline.stop();
      });
      deadline.arm(requestReadTimeoutMs, "a request");
    }

    /** The headers are in; the deadline now waits for the body, then for the answer's end. */
    void requestArrived(RoutingContext ctx) {
      HttpServerRequest request = ctx.request();
      ReadDeadline deadline = deadlines.get(request.connection());
      if (deadline != null) {
        deadline.clear();
        if (!request.isEnded()) {
          deadline.armUnless(request::isEnded, requestReadTimeoutMs, "its body");
        }
        ctx.addEndHandler(answered -> deadline.arm(idleTimeoutMs, "another request"));
      }
      ctx.next();
    }

    /** One connection's deadline: armed while the server waits for the client, clear while it answers. */
    private final class ReadDeadline {

      private final HttpConnection connection;
      private boolean armed;
      private long dueNanos;
      private long timeoutMs;
      private String awaited;
      private BooleanSupplier excused;
      private long timer = -1;
      private long timerDueNanos;
      private boolean stopped;

      ReadDeadline(HttpConnection connection) {
        this.connection = connection;
      }

      void arm(long timeoutMs, String awaited) {
        armUnless(() -> false, timeoutMs, awaited);
      }

      /** Arms the deadline; when it passes, the connection is closed unless {@code excused} holds by then. */
      void armUnless(BooleanSupplier excused, long timeoutMs, String awaited) {
        if (stopped) {
          return;
        }
        this.armed = true;
        this.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        this.timeoutMs = timeoutMs;
        this.awaited = awaited;
        this.excused = excused;
        if (timer != -1 && timerDueNanos > dueNanos) {
          vertx.cancelTimer(timer);
          timer = -1;
        }
        if (timer == -1) {
          wakeAt(dueNanos);
        }
      }

      void clear() {
        armed = false;
        excused = null;
      }

      void stop() {
        stopped = true;
        clear();
        if (timer != -1) {
          vertx.cancelTimer(timer);
          timer = -1;
        }
      }

      private void wakeAt(long nanos) {
        timerDueNanos = nanos;
        long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos - System.nanoTime() + 999_999));
        timer = vertx.setTimer(delayMs, fired -> woken());
      }

      private void woken() {
        timer = -1;
        if (!armed) {
          return;
        }
        long now = System.nanoTime();
        if (now - dueNanos < 0) {
          wakeAt(dueNanos);
          return;
        }
        armed = false;
        if (!excused.getAsBoolean()) {
          closeSlow(connection, awaited, timeoutMs);
        }
      }
    }

    private void closeSlow(HttpConnection connection, String what, long timeoutMs) {
      LOG.debug("{}: closed a connection from {} that did not send {} within {} ms", serverName, connection.remoteAddress(), what,
        timeoutMs);
      connection.close();
    }
  }
}

package dev.orderflow;

import dev.orderflow.FloorMeasurement.Limit;
import dev.orderflow.FloorMeasurement.Row;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Supplier;

/**
 * Vert.x's part of {@link FloorBenchmark}, on the jar's vertx-core with default options (NIO
 * transport, as the jar): an event-bus request-reply of a small JsonObject across two event loops
 * and within one, and an HTTP/1.1 POST of a small JSON body over loopback from a Vert.x client
 * (keep-alive pool) to a Vert.x server, each saturated and then paced at one per millisecond.
 */
final class VertxFloor {

  private static final String ECHO = "floor.echo";
  private static final Buffer HTTP_REQUEST = Buffer.buffer("{\"orderId\":\"8f0c2a4e-2d4b-4c55-9a63-0b1f3f7a9e21\",\"amount\":\"25.00\",\"currency\":\"EUR\"}");
  private static final Buffer HTTP_ANSWER = Buffer.buffer("{\"chargeId\":\"ch_5b1f0e\",\"status\":\"CAPTURED\"}");
  private static final int BUS_IN_FLIGHT = 64;
  private static final int HTTP_IN_FLIGHT = 32;
  private static final Limit WARMUP = Limit.untilJitSettles();
  private static final Limit MEASURED = Limit.seconds(2);

  record Rows(Row busSaturated, Row busPaced, Row busOneLoopSaturated, Row busOneLoopPaced, Row httpSaturated, Row httpPaced) {
    List<Row> all() {
      return List.of(busSaturated, busPaced, busOneLoopSaturated, busOneLoopPaced, httpSaturated, httpPaced);
    }
  }

  private VertxFloor() {
  }

  static Rows measure() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Echo echo = new Echo();
      Loop caller = new Loop();
      vertx.deployVerticle(echo).await();
      vertx.deployVerticle(caller).await();
      String echoThread = threadOf(echo.context());
      String callerThread = threadOf(caller.context());
      if (echoThread.equals(callerThread)) {
        throw new IllegalStateException("the caller and the echo share " + echoThread);
      }
      System.out.printf("event loops: the echo (bus consumer, HTTP server) on %s, the caller on %s%n", echoThread, callerThread);
      Supplier<Future<?>> request = () -> vertx.eventBus().request(ECHO, new JsonObject().put("orderId", "8f0c2a4e-2d4b-4c55-9a63-0b1f3f7a9e21")
        .put("sku", "MUG-0001").put("quantity", 1));
      HttpClient client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(HTTP_IN_FLIGHT));
      Supplier<Future<?>> exchange = () -> client.request(HttpMethod.POST, echo.port, "127.0.0.1", "/charges")
        .compose(post -> post.putHeader("Content-Type", "application/json").send(HTTP_REQUEST))
        .compose(HttpClientResponse::body);
      String saturated = BUS_IN_FLIGHT + " in flight";
      return new Rows(
        FloorMeasurement.saturated("bus request-reply, two event loops", saturated, caller.context(), BUS_IN_FLIGHT, WARMUP, MEASURED, request),
        FloorMeasurement.paced("bus request-reply, two event loops", "one per ms", caller.context(), MEASURED, request),
        FloorMeasurement.saturated("bus request-reply, one event loop", saturated, echo.context(), BUS_IN_FLIGHT, WARMUP, MEASURED, request),
        FloorMeasurement.paced("bus request-reply, one event loop", "one per ms", echo.context(), MEASURED, request),
        FloorMeasurement.saturated("HTTP POST small JSON, client+server here", HTTP_IN_FLIGHT + " in flight, " + HTTP_IN_FLIGHT + " connections",
          caller.context(), HTTP_IN_FLIGHT, WARMUP, MEASURED, exchange),
        FloorMeasurement.paced("HTTP POST small JSON, client+server here", "one per ms, keep-alive", caller.context(), MEASURED, exchange));
    } finally {
      vertx.close().await();
    }
  }

  private static String threadOf(Context context) {
    Promise<String> name = Promise.promise();
    context.runOnContext(ignored -> name.complete(Thread.currentThread().getName()));
    return name.future().await();
  }

  /** A verticle whose context (and so event loop) the benchmark issues operations on. */
  static class Loop extends VerticleBase {
    Context context() {
      return context;
    }
  }

  /** The far end: replies to every bus request and answers every HTTP request, after reading its body. */
  private static final class Echo extends Loop {
    private volatile int port;

    @Override
    public Future<?> start() {
      Future<Void> consumer = vertx.eventBus().<JsonObject>consumer(ECHO, message -> message.reply(new JsonObject().put("status", "RESERVED")))
        .completion();
      Future<?> server = vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> request.response().putHeader("Content-Type", "application/json").end(HTTP_ANSWER)))
        .listen(0, "127.0.0.1")
        .onSuccess(listening -> port = listening.actualPort());
      return Future.all(consumer, server);
    }
  }
}

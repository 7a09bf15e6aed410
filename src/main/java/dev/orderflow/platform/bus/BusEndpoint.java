package dev.orderflow.platform.bus;

import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.core.NumberText;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.platform.core.Unavailable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A module's request-reply address: dispatches on the {@code action} header, replies with the
 * action's result, turns a {@link Refusal} into a failure with its code, an {@link Unavailable}
 * (the SQL layer's word for a database that takes no writes: disk full, read-only) into a 503 with
 * the reason and anything else into a 500. Each request is logged with its correlation id: at DEBUG
 * when answered (the hot path: the business event, if any, is the action's own line), at INFO or
 * above when refused or failed.
 */
public final class BusEndpoint {

  private BusEndpoint() {
  }

  /** A request as an action sees it, with the time its caller stops waiting ({@link Long#MAX_VALUE}: unknown). */
  public record Request(JsonObject body, String correlationId, long deadline) {

    /** How long the caller still waits, in ms; 0 or less once it gave up. */
    public long remainingMs() {
      return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.currentTimeMillis();
    }
  }

  /**
   * Serves {@code actions} on {@code address}. Fails, serving nothing, unless they are exactly the
   * actions the caller's contract {@code declares}: a contract cannot promise an action nobody
   * serves, nor a verticle serve one its contract does not name.
   */
  public static Future<MessageConsumer<JsonObject>> serve(Vertx vertx, String address, Set<String> declares, Logger log,
                                                         Map<String, Function<Request, Future<JsonObject>>> actions) {
    if (!actions.keySet().equals(declares)) {
      return Future.failedFuture(StartupException.of(address, "the contract declares actions " + new TreeSet<>(declares)
        + " but the endpoint serves " + new TreeSet<>(actions.keySet())));
    }
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, message -> handle(message, log, actions));
    return consumer.completion().map(consumer);
  }

  private static long deadline(Message<JsonObject> message) {
    OptionalLong timeoutMs = NumberText.wholeNumber(message.headers().get(ServiceClient.TIMEOUT_HEADER));
    return timeoutMs.isPresent() ? System.currentTimeMillis() + timeoutMs.getAsLong() : Long.MAX_VALUE;
  }

  private static void handle(Message<JsonObject> message, Logger log, Map<String, Function<Request, Future<JsonObject>>> actions) {
    String action = String.valueOf(message.headers().get(ServiceClient.ACTION_HEADER));
    String correlationId = message.headers().get(Correlation.BUS_HEADER);
    Function<Request, Future<JsonObject>> handler = actions.get(action);
    Future<JsonObject> reply;
    try {
      reply = handler == null
        ? Future.failedFuture(new Refusal(400, "action: unknown action '" + action + "'"))
        : handler.apply(new Request(message.body() == null ? new JsonObject() : message.body(), correlationId, deadline(message)));
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onSuccess(result -> {
      log.atDebug().addKeyValue(Correlation.LOG_FIELD, correlationId).log("{} ok correlationId={}", action, correlationId);
      message.reply(result);
    }).onFailure(failure -> {
      if (failure instanceof Refusal refusal) {
        log.atInfo().addKeyValue(Correlation.LOG_FIELD, correlationId).log("{} refused {} '{}' correlationId={}", action, refusal.code(), refusal.getMessage(), correlationId);
        message.fail(refusal.code(), refusal.getMessage());
      } else if (failure instanceof Unavailable unavailable) {
        log.warn("{} unavailable '{}' correlationId={}", action, unavailable.getMessage(), correlationId);
        message.fail(503, unavailable.getMessage());
      } else if (failure instanceof ServiceFailure passedOn) {
        // a refusal or an outage of a module this one asked keeps its meaning for this one's caller
        log.atInfo().addKeyValue(Correlation.LOG_FIELD, correlationId).log("{} failed {} (passed on) '{}' correlationId={}", action, passedOn.busCode(), passedOn.getMessage(), correlationId);
        message.fail(passedOn.busCode(), passedOn.getMessage());
      } else {
        log.atError().addKeyValue(Correlation.LOG_FIELD, correlationId).setCause(failure).log("{} failed correlationId={}", action, correlationId);
        message.fail(500, action + " failed: " + failure.getMessage());
      }
    });
  }
}

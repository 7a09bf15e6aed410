package dev.orderflow.platform.bus;

import dev.orderflow.platform.core.Wiring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * What a node says of itself when asked over the bus: the states of the circuit breakers its
 * modules use to call others. Each instance answers on an address of its own node id, so that an
 * operator's view can ask every member of a cluster in turn.
 */
public final class NodeStatus {

  private static final String ADDRESS_PREFIX = "orderflow.node-status.";

  private NodeStatus() {
  }

  /** Answers status requests for {@code nodeId} with the breaker states of {@code services}. */
  @Wiring
  public static MessageConsumer<JsonObject> serve(Vertx vertx, String nodeId, ServiceClient services) {
    return vertx.eventBus().consumer(ADDRESS_PREFIX + nodeId,
      request -> request.reply(new JsonObject().put("node", nodeId).put("breakers", services.breakerStates())));
  }

  /** The status of {@code nodeId}; fails when the node does not answer within {@code timeoutMs}. */
  public static Future<JsonObject> ask(Vertx vertx, String nodeId, long timeoutMs) {
    return vertx.eventBus().<JsonObject>request(ADDRESS_PREFIX + nodeId, new JsonObject(), new DeliveryOptions().setSendTimeout(timeoutMs))
      .map(Message::body);
  }
}

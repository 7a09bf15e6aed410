package dev.orderflow.gateway;

import dev.orderflow.platform.Platform;
import dev.orderflow.platform.bus.Discovery;
import dev.orderflow.platform.bus.NodeStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.servicediscovery.Record;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The operator's view of the cluster (or of the single instance): each member with its advertised
 * host, modules and start time, the discovery records it published, and the states of the circuit
 * breakers it calls others through, asked of the member itself.
 */
final class ClusterRoutes {

  /** A member that does not answer this fast is shown as unreachable rather than holding the answer up. */
  private static final long STATUS_TIMEOUT_MS = 1000;

  private final Platform platform;

  ClusterRoutes(Platform platform) {
    this.platform = platform;
  }

  void view(RoutingContext ctx) {
    HttpReplies.answer(ctx, 200, platform.discovery().allRecords().compose(records -> {
      Map<String, List<Record>> byNode = records.stream()
        .collect(Collectors.groupingBy(record -> record.getMetadata().getString(Discovery.NODE, "")));
      List<Future<JsonObject>> members = records.stream()
        .filter(record -> Discovery.NODE_TYPE.equals(record.getType()))
        .sorted(Comparator.comparing(record -> record.getMetadata().getString("startedAt", "")))
        .map(node -> member(node, byNode.getOrDefault(node.getMetadata().getString(Discovery.NODE), List.of())))
        .toList();
      return Future.all(members).map(all -> new JsonObject()
        .put("clustered", platform.vertx().isClustered())
        .put("members", new JsonArray(all.<JsonObject>list())));
    }));
  }

  private Future<JsonObject> member(Record node, List<Record> published) {
    String nodeId = node.getMetadata().getString(Discovery.NODE);
    JsonObject member = new JsonObject()
      .put("node", nodeId)
      .put("host", node.getMetadata().getString("host"))
      .put("modules", node.getMetadata().getJsonArray("modules", new JsonArray()))
      .put("startedAt", node.getMetadata().getString("startedAt"))
      .put("records", new JsonArray(published.stream()
        .filter(record -> !Discovery.NODE_TYPE.equals(record.getType()))
        .sorted(Comparator.comparing(Record::getName))
        .map(record -> new JsonObject().put("name", record.getName()).put("type", record.getType())
          .put("location", record.getLocation()))
        .toList()));
    return NodeStatus.ask(platform.vertx(), nodeId, STATUS_TIMEOUT_MS)
      .map(status -> member.put("reachable", true).put("breakers", status.getJsonObject("breakers")))
      .recover(silent -> Future.succeededFuture(member.put("reachable", false).put("breakers", new JsonObject())));
  }
}

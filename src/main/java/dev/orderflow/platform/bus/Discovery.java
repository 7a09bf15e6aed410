package dev.orderflow.platform.bus;

import dev.orderflow.platform.core.Wiring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import io.vertx.servicediscovery.ServiceDiscoveryOptions;
import io.vertx.servicediscovery.types.EventBusService;
import io.vertx.servicediscovery.types.HttpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that knows vertx-service-discovery (sunset in Vert.x 6): modules publish their
 * request-reply addresses and HTTP servers as records and find each other by name. Lookups are
 * cached and the cache entry of a name is dropped on every announcement about it.
 */
public final class Discovery {

  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);
  /** The metadata key of the node that published a record: when that node leaves a cluster, a survivor unpublishes it. */
  public static final String NODE = "node";
  /** The type of the record each instance publishes about itself. */
  public static final String NODE_TYPE = "orderflow-node";

  private final ServiceDiscovery discovery;
  private final Map<String, Record> cache = new ConcurrentHashMap<>();
  private final String nodeId;
  private final String advertisedHost;

  private Discovery(Vertx vertx, String nodeId, String advertisedHost) {
    this.nodeId = nodeId;
    this.advertisedHost = advertisedHost;
    ServiceDiscoveryOptions options = new ServiceDiscoveryOptions();
    this.discovery = ServiceDiscovery.create(vertx, options);
    vertx.eventBus().<JsonObject>consumer(options.getAnnounceAddress(),
      announcement -> cache.remove(announcement.body().getString("name", "")));
  }

  /**
   * Records published here carry {@code nodeId}; an HTTP server bound to every interface is published
   * as reachable at {@code advertisedHost} (loopback for a single instance, the cluster's public host
   * in a cluster), so that another node never calls itself.
   */
  @Wiring
  public static Discovery create(Vertx vertx, String nodeId, String advertisedHost) {
    return new Discovery(vertx, nodeId, advertisedHost);
  }

  /** This instance's id: its cluster node id, or a random one per process outside a cluster. */
  public String nodeId() {
    return nodeId;
  }

  /** Publishes an event-bus service; returns the registration id to unpublish with. */
  public Future<String> publishEventBusService(String name, String address) {
    return publish(EventBusService.createRecord(name, address, "json-request-reply", published()));
  }

  /**
   * Publishes an HTTP server bound to {@code bindHost}; returns the registration id to unpublish
   * with. A server bound to every interface is published as reachable at the advertised host.
   */
  public Future<String> publishHttpEndpoint(String name, String bindHost, int port, String root) {
    String host = "0.0.0.0".equals(bindHost) || "::".equals(bindHost) ? advertisedHost : bindHost;
    return publish(HttpEndpoint.createRecord(name, false, host, port, root, published()));
  }

  /** Publishes an HTTP server found at an address outside Orderflow (e.g. a real PSP, over TLS). */
  public Future<String> publishHttpEndpoint(String name, boolean ssl, String host, int port, String root) {
    return publish(HttpEndpoint.createRecord(name, ssl, host, port, root, published()));
  }

  /**
   * Publishes this node itself ({@code description}: its modules, advertised host, start time) as a
   * record of type {@value #NODE_TYPE}; when the node leaves a cluster it goes with the node's other records.
   */
  @Wiring
  public Future<String> publishNode(JsonObject description) {
    return publish(new Record().setName(NODE_TYPE + "-" + nodeId).setType(NODE_TYPE).setLocation(new JsonObject())
      .setMetadata(description.copy().put(NODE, nodeId)));
  }

  /** Every record published, of every node, whatever its type. */
  public Future<List<Record>> allRecords() {
    return discovery.getRecords(record -> true, true);
  }

  /** Unpublishes; this instance's cache forgets the record at once, other nodes on the announcement. */
  public Future<Void> unpublish(String registration) {
    cache.values().removeIf(record -> registration.equals(record.getRegistration()));
    return discovery.unpublish(registration);
  }

  /** The UP record published under {@code name}, or null when there is none. */
  public Future<Record> lookup(String name) {
    Record cached = cache.get(name);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return discovery.getRecord(new JsonObject().put("name", name)).onSuccess(record -> {
      if (record != null) {
        cache.put(name, record);
      }
    });
  }

  public Future<List<Record>> records(String type) {
    return discovery.getRecords(new JsonObject().put("type", type));
  }

  /**
   * Unpublishes every record whose node is not among {@code liveNodes}: the records of members that
   * left the cluster, so that callers stop routing to them. Answers how many went.
   */
  @Wiring
  public Future<Integer> unpublishAllBut(Set<String> liveNodes) {
    return discovery.getRecords(record -> !liveNodes.contains(record.getMetadata().getString(NODE, nodeId)), true)
      .compose(stale -> Future.all(stale.stream().map(record -> unpublish(record.getRegistration())).toList())
        .map(unpublished -> {
          stale.forEach(record -> LOG.info("unpublished {} of node {}, which left the cluster", record.getName(),
            record.getMetadata().getString(NODE)));
          return stale.size();
        }));
  }

  void forget(String name) {
    cache.remove(name);
  }

  @Wiring
  public void close() {
    discovery.close();
  }

  private JsonObject published() {
    return new JsonObject().put(NODE, nodeId);
  }

  private Future<String> publish(Record record) {
    return discovery.publish(record).map(Record::getRegistration);
  }
}

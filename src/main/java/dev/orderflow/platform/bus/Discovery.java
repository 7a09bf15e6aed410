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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that knows vertx-service-discovery (sunset in Vert.x 6): modules publish their
 * request-reply addresses and HTTP servers as records and find each other by name. Lookups are
 * cached and the cache entry of a name is dropped on every announcement about it.
 */
public final class Discovery {

  private final ServiceDiscovery discovery;
  private final Map<String, Record> cache = new ConcurrentHashMap<>();

  private Discovery(Vertx vertx) {
    ServiceDiscoveryOptions options = new ServiceDiscoveryOptions();
    this.discovery = ServiceDiscovery.create(vertx, options);
    vertx.eventBus().<JsonObject>consumer(options.getAnnounceAddress(),
      announcement -> cache.remove(announcement.body().getString("name", "")));
  }

  @Wiring
  public static Discovery create(Vertx vertx) {
    return new Discovery(vertx);
  }

  /** Publishes an event-bus service; returns the registration id to unpublish with. */
  public Future<String> publishEventBusService(String name, String address) {
    return publish(EventBusService.createRecord(name, address, "json-request-reply"));
  }

  /**
   * Publishes an HTTP server bound to {@code bindHost}; returns the registration id to unpublish
   * with. A server bound to every interface is published as reachable on loopback.
   */
  public Future<String> publishHttpEndpoint(String name, String bindHost, int port, String root) {
    String host = "0.0.0.0".equals(bindHost) || "::".equals(bindHost) ? "127.0.0.1" : bindHost;
    return publish(HttpEndpoint.createRecord(name, host, port, root));
  }

  /** Publishes an HTTP server found at an address outside Orderflow (e.g. a real PSP, over TLS). */
  public Future<String> publishHttpEndpoint(String name, boolean ssl, String host, int port, String root) {
    return publish(HttpEndpoint.createRecord(name, ssl, host, port, root, null));
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

  void forget(String name) {
    cache.remove(name);
  }

  @Wiring
  public void close() {
    discovery.close();
  }

  private Future<String> publish(Record record) {
    return discovery.publish(record).map(Record::getRegistration);
  }
}

package dev.orderflow.platform.cluster;

import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide maps for modules that keep short-lived shared state (Hazelcast maps through Vert.x shared
 * data), bounded in size and in time. Vert.x's own per-entry TTL is lost on Hazelcast when an entry is
 * replaced, so the bounds are Hazelcast map settings added to the running cluster: an entry untouched
 * (neither read nor written) for the idle time expires, and each member holds at most the size given
 * (least recently used evicted first). On a single node there is no cluster: {@link #clustered()} says so.
 */
public final class ClusterMaps {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterMaps.class);
  private static final int MIN_ENTRIES_PER_PARTITION = 8;

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;

  private ClusterMaps(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
  }

  /** A single node's: no cluster-wide maps. */
  public static ClusterMaps none(Vertx vertx) {
    return new ClusterMaps(vertx, null);
  }

  static ClusterMaps of(Vertx vertx, HazelcastInstance hazelcast) {
    return new ClusterMaps(vertx, hazelcast);
  }

  public boolean clustered() {
    return hazelcast != null;
  }

  /** Members of the cluster as this node sees them now (1 on a single node); a local read, no round trip. */
  public int members() {
    return hazelcast == null ? 1 : hazelcast.getCluster().getMembers().size();
  }

  /**
   * The cluster-wide map {@code name}, whose entries expire after {@code idleSeconds} untouched, at most
   * {@code maxEntriesPerMember} on each member (but never fewer than 8 per Hazelcast partition, 2,168 with the
   * default 271 partitions). Expiry and eviction are checked at whole seconds: an entry
   * may go up to a second before its idle time, so callers add a margin. When another member already
   * configured the map with other bounds (members started with other settings), its bounds stay.
   */
  public <K, V> Future<AsyncMap<K, V>> expiring(String name, int idleSeconds, int maxEntriesPerMember) {
    if (hazelcast == null) {
      return Future.failedFuture(new IllegalStateException("not clustered: no cluster-wide map " + name));
    }
    // Hazelcast checks the size per partition: below a few entries per partition it would evict entries in use
    int size = Math.max(maxEntriesPerMember, MIN_ENTRIES_PER_PARTITION * hazelcast.getPartitionService().getPartitions().size());
    MapConfig config = new MapConfig(name).setMaxIdleSeconds(idleSeconds)
      .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU).setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(size));
    return vertx.<Void>executeBlocking(() -> {
      try {
        hazelcast.getConfig().addMapConfig(config);
      } catch (InvalidConfigurationException otherBounds) {
        LOG.warn("cluster map {} keeps the bounds another member gave it: {}", name, otherBounds.getMessage());
      }
      return null;
    }).compose(configured -> vertx.sharedData().getAsyncMap(name));
  }
}

package dev.orderflow.platform.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.EntryView;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Cluster maps over a real Hazelcast member: entries expire once untouched, replaced ones too, and a small size does not evict entries in use")
class ClusterMapsTest {

  private Vertx vertx;
  private HazelcastClusterManager manager;

  @BeforeEach
  void join() {
    Config config = new Config().setClusterName("orderflow-maps-test-" + UUID.randomUUID());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    JoinConfig join = config.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).setPortCount(20).getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
    manager = new HazelcastClusterManager(config);
    vertx = Vertx.builder().withClusterManager(manager).buildClustered().await();
  }

  @AfterEach
  void leave() {
    vertx.close().await();
  }

  @Test
  void boundedInTimeAndSize() {
    ClusterMaps maps = ClusterMaps.of(vertx, manager.getHazelcastInstance());
    assertThat(maps.clustered()).isTrue();
    assertThat(maps.members()).isEqualTo(1);
    AsyncMap<String, String> map = maps.<String, String>expiring("orderflow.test", 2, 4).await();
    for (int i = 0; i < 50; i++) {
      map.put("k" + i, "v").await();
    }
    assertThat(map.replaceIfPresent("k0", "v", "w").await()).isTrue();
    assertThat(map.size().await()).as("a size of 4 per member is raised to a few entries per partition").isEqualTo(50);
    // waiting for the expiry itself would take Hazelcast's background sweep (about 40 s here): its schedule says enough
    EntryView<String, String> replaced = manager.getHazelcastInstance().<String, String>getMap("orderflow.test").getEntryView("k0");
    assertThat(replaced.getMaxIdle()).isEqualTo(2_000);
    assertThat(replaced.getExpirationTime()).as("a replaced entry still expires (a Vert.x per-entry TTL would not)")
      .isLessThanOrEqualTo(System.currentTimeMillis() + 2_000);
    assertThat(ClusterMaps.none(vertx).<String, String>expiring("orderflow.test", 2, 4).failed()).as("no cluster, no cluster map").isTrue();
  }
}

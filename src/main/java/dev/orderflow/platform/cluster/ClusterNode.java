package dev.orderflow.platform.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.orderflow.platform.core.Metrics;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.platform.core.Wiring;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.spi.cluster.hazelcast.ClusterHealthCheck;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * This process as a member of the Orderflow cluster: a clustered Vert.x whose event bus and Hazelcast
 * both bind the configured host, joining the listed members over TCP-IP. The Hazelcast configuration
 * starts from the one vertx-hazelcast finds ({@code -Dvertx.hazelcast.config}, a {@code cluster.xml} on
 * the class path, else its bundled default with the {@code __vertx.*} maps it needs), then the settings
 * decide what they name: an operator's file keeps everything else.
 */
public final class ClusterNode {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
  private static final int HAZELCAST_PORT_COUNT = 20;
  private static final long JOIN_TIMEOUT_SECONDS = 60;
  /** The member attribute under which vertx-hazelcast keeps a member's Vert.x node id. */
  private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final String publicHost;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager, String publicHost) {
    this.vertx = vertx;
    this.manager = manager;
    this.publicHost = publicHost;
  }

  /** Builds a clustered Vert.x reporting to {@code metrics} and joins the cluster configured by the {@code cluster} settings. */
  @Wiring
  public static ClusterNode join(Metrics metrics, JsonObject cluster) {
    String host = cluster.getString("host");
    String publicHost = cluster.getString("public-host").isBlank() ? host : cluster.getString("public-host");
    EventBusOptions eventBus = ClusterTls.applyTo(new EventBusOptions().setHost(host).setPort(cluster.getInteger("bus-port"))
      .setClusterPublicHost(publicHost), cluster);
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(cluster, host, publicHost));
    try {
      Vertx vertx = metrics.vertxBuilder(eventBus).withClusterManager(manager).buildClustered()
        .await(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new ClusterNode(vertx, manager, publicHost);
    } catch (Exception e) {
      throw StartupException.of("ORDERFLOW_CLUSTER_MEMBERS", "cannot join the cluster '" + cluster.getString("name") + "' as "
        + host + ": " + StartupException.rootMessage(e));
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  /** This member's Vert.x node id, as the others know it. */
  public String nodeId() {
    return manager.getNodeId();
  }

  /** Cluster-wide maps bounded in size and time, for modules' shared state. */
  public ClusterMaps maps() {
    return ClusterMaps.of(vertx, manager.getHazelcastInstance());
  }

  /** The host other members reach this one at. */
  public String publicHost() {
    return publicHost;
  }

  /** Readiness holds while this node is a member of a cluster whose partitions are safe. */
  @Wiring
  public void registerHealthCheck(Readiness readiness) {
    var procedure = ClusterHealthCheck.createProcedure(vertx);
    readiness.registerDependency("cluster", () -> {
      Promise<Status> status = Promise.promise();
      procedure.handle(status);
      return status.future();
    });
  }

  /**
   * When a member leaves the cluster (stopped, killed, cut off), calls {@code cleanUp} with the node
   * ids of the members that remain, on one survivor only: the oldest member, which Hazelcast's member
   * list names first. Handing over who remains rather than who left also sweeps up after members that
   * left together with the previous oldest. A Hazelcast listener, not {@code ClusterManager.nodeListener}:
   * that single slot is Vert.x's HA manager's.
   */
  @Wiring
  public void onMemberLeft(Consumer<Set<String>> cleanUp) {
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        LOG.info("cluster member joined: {} at {}", event.getMember().getAttribute(NODE_ID_ATTRIBUTE), event.getMember().getAddress());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        Member oldest = event.getMembers().iterator().next();
        LOG.info("cluster member left: {} at {}{}", event.getMember().getAttribute(NODE_ID_ATTRIBUTE), event.getMember().getAddress(),
          oldest.localMember() ? "; this node cleans up after it" : "");
        if (oldest.localMember()) {
          Set<String> remaining = event.getMembers().stream().map(member -> member.getAttribute(NODE_ID_ATTRIBUTE))
            .filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
          vertx.runOnContext(ignored -> cleanUp.accept(remaining));
        }
      }
    });
  }

  static Config hazelcast(JsonObject cluster, String host, String publicHost) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.getString("name"));
    // seconds, not Hazelcast's default minute: a node killed with kill -9 must leave the cluster quickly
    config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(cluster.getInteger("heartbeat-interval-seconds")));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.getInteger("max-no-heartbeat-seconds")));
    // bind the one interface named, never every interface (Hazelcast's default): it has no authentication
    config.setProperty("hazelcast.local.localAddress", host);
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.getInteger("port")).setPortAutoIncrement(true).setPortCount(HAZELCAST_PORT_COUNT);
    network.setPublicAddress(publicHost);
    network.getInterfaces().setEnabled(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    List<String> members = cluster.getJsonArray("members").stream().map(String::valueOf).toList();
    join.getTcpIpConfig().setEnabled(true).setMembers(members);
    return config;
  }
}

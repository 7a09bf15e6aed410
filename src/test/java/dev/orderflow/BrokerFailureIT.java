package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.JarProcess;
import dev.orderflow.support.KafkaCluster;
import dev.orderflow.support.OrderArrivals;
import dev.orderflow.support.Postgres;
import dev.orderflow.support.ProviderLedger;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Orderflow on PostgreSQL and an external three-broker Kafka cluster (separate broker processes):
 * its topics are replicated on all three with min.insync.replicas 2, and a broker killed with
 * SIGKILL under a fixed arrival rate of orders, then restarted, loses nothing that was accepted
 * and leaves no saga unfinished.
 */
@DisplayName("kill -9 of a Kafka broker under load: every 202 settles, nothing charged twice, the broker rejoins")
class BrokerFailureIT {

  private static final int RATE = Integer.getInteger("orderflow.broker-failure.rate", 20);
  private static final int CUSTOMERS = 8;
  private static final Duration READY = Duration.ofSeconds(90);
  private static final Duration LOADING = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(120);

  @Test
  void brokerKilledUnderLoad() throws Exception {
    String schemaPrefix = Postgres.uniqueSchemaPrefix();
    String namespace = "broker-failure-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    String ordersTopic = namespace + "orderflow.orders";
    long started = System.nanoTime();
    try (KafkaCluster kafka = KafkaCluster.start();
         JarProcess jar = JarProcess.start(TestInstance.newDataDir(), Map.of(
           "ORDERFLOW_DB_URL", Postgres.URL,
           "ORDERFLOW_DB_SCHEMA_PREFIX", schemaPrefix,
           "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
           "ORDERFLOW_KAFKA_NAMESPACE", namespace)).awaitReady(READY);
         Admin admin = kafka.admin()) {
      System.out.printf("3 brokers and the jar ready in %d ms%n", elapsedMs(started));
      assertThat(jar.stdout()).contains(kafka.bootstrapServers() + " (external");
      assertThatThrownBy(() -> new Socket("127.0.0.1", port(jar.kafkaBootstrapServers())).close())
        .as("no embedded broker listens").isInstanceOf(IOException.class);
      Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
        .filter(topic -> topic.startsWith(namespace)).collect(Collectors.toSet());
      assertThat(topics).contains(ordersTopic);
      assertReplicated(admin, topics);

      Shop shop = new Shop(jar.http());
      OrderArrivals load = OrderArrivals.start(shop, CUSTOMERS, RATE);
      try {
        load.awaitAccepted(RATE * 3, LOADING);
        int leader = leaderOf(admin, ordersTopic);
        assertThat(leader).as("the leader of %s-0", ordersTopic).isPositive();
        int killed = KafkaCluster.index(leader);
        boolean controller = admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId() == KafkaCluster.nodeId(killed);
        long killedAt = System.nanoTime();
        kafka.kill(killed);
        int acceptedAtKill = load.accepted().size();
        System.out.printf("kill -9 of broker %d (leader of %s-0%s) after %d orders accepted%n", KafkaCluster.nodeId(killed), ordersTopic,
          controller ? " and active controller" : "", acceptedAtKill);
        Await.until("another broker leads " + ordersTopic + "-0", LOADING, () -> {
          int newLeader = leaderOf(admin, ordersTopic);
          return newLeader > 0 && newLeader != leader;
        });
        System.out.printf("partition leadership moved %d ms after the kill%n", elapsedMs(killedAt));
        load.awaitAccepted(load.accepted().size() + RATE * 2, LOADING);
        kafka.restart(killed);
        System.out.printf("broker %d rejoined %d ms after the kill%n", KafkaCluster.nodeId(killed), elapsedMs(killedAt));
        load.awaitAccepted(load.accepted().size() + RATE * 2, LOADING);
      } finally {
        load.close();
        System.out.printf("orders at %d/s: %s%n", RATE, load.summary());
      }

      long loadEnded = System.nanoTime();
      // on a busy machine the orders breaker may have opened while the broker was down: the checks read through it
      Await.until("the orders API answers", SETTLE, () -> shop.http().get("/api/v1/orders?limit=1").status() == 200);
      shop.assertInvariants(SETTLE);
      System.out.printf("invariants held %d ms after the load ended%n", elapsedMs(loadEnded));
      long confirmed = shop.assertCheckoutsFinished(load.accepted(), ProviderLedger.postgres(schemaPrefix));
      System.out.printf("%d accepted orders settled, %d confirmed; %d ms since start%n", load.accepted().size(), confirmed, elapsedMs(started));
      assertThat(confirmed).as("checkouts went on through the broker's death").isPositive();
      Await.until("the restarted broker is back in every in-sync replica set", SETTLE, () -> inSyncEverywhere(admin, topics));
      assertReplicated(admin, topics);
      assertThat(jar.terminate(Duration.ofSeconds(30))).isZero();
    } finally {
      Postgres.dropSchemas(schemaPrefix);
    }
  }

  private static long elapsedMs(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private static int port(String hostAndPort) {
    return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
  }

  private static int leaderOf(Admin admin, String topic) {
    try {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
      TopicPartitionInfo first = description.partitions().get(0);
      return first.leader() == null ? -1 : first.leader().id();
    } catch (Exception e) {
      return -1;
    }
  }

  private static boolean inSyncEverywhere(Admin admin, Collection<String> topics) {
    try {
      return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
        .flatMap(topic -> topic.partitions().stream()).allMatch(partition -> partition.isr().size() == 3);
    } catch (Exception notYet) {
      return false;
    }
  }

  /** Every topic on all three brokers, with min.insync.replicas 2, and every replica in sync. */
  private static void assertReplicated(Admin admin, Collection<String> topics) throws Exception {
    Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
    descriptions.values().forEach(topic -> topic.partitions().forEach(partition -> {
      assertThat(partition.replicas()).as("replicas of %s-%d", topic.name(), partition.partition()).hasSize(3);
      assertThat(partition.isr()).as("in-sync replicas of %s-%d", topic.name(), partition.partition()).hasSize(3);
    }));
    List<ConfigResource> resources = topics.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
    configs.forEach((resource, config) -> assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value())
      .as("min.insync.replicas of %s", resource.name()).isEqualTo("2"));
  }
}

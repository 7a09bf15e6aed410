package dev.orderflow.platform.messaging;

import dev.orderflow.platform.core.StartupException;
import dev.orderflow.platform.sql.Retention;
import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.bus.Discovery;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.core.Wiring;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The durable messaging of one instance: one idempotent producer (acks=all), topic creation,
 * outbox relays, durable subscriptions, dead letters and their counts.
 */
public final class Messaging {

  public static final String CONTROL_SERVICE_PREFIX = "consumer-group.";
  /** The actions of a group's control service: replay from a time or the beginning, and the group's lag. */
  public static final String REPLAY = "replay";
  public static final String LAG = "lag";
  private static final Set<String> CONTROL_ACTIONS = Set.of(REPLAY, LAG);
  private static final int TOPIC_CALL_MS = 10_000;
  private static final long TOPIC_RECHECK_MS = 20;
  private static final long HOUR_MS = 3_600_000L;
  private static final Logger LOG = LoggerFactory.getLogger(Messaging.class);

  private final Vertx vertx;
  private final KafkaClients clients;
  private final MessagingOptions options;
  private final MessagingMetrics metrics;
  private final KafkaProducer<String, String> producer;
  private final Admin admin;
  private final DeadLetters deadLetters;
  private final Readiness readiness;
  private final Discovery discovery;
  private final long inboxRetentionMs;
  /** Each topic's creation by this instance, under its Kafka name. */
  private final Map<String, Future<Void>> ensured = new HashMap<>();

  private Messaging(Vertx vertx, KafkaClients clients, MessagingOptions options, Readiness readiness, Discovery discovery,
                    MeterRegistry registry, long inboxRetentionMs) {
    this.vertx = vertx;
    this.inboxRetentionMs = inboxRetentionMs;
    this.metrics = new MessagingMetrics(registry);
    this.readiness = readiness;
    this.discovery = discovery;
    this.clients = clients;
    this.options = options;
    this.producer = KafkaProducer.create(vertx, clients.producer(), String.class, String.class);
    this.admin = Admin.create(clients.admin(TOPIC_CALL_MS));
    this.deadLetters = new DeadLetters(vertx, clients, producer, options);
  }

  /** {@code inboxRetentionMs}: how long the consumers' inboxes keep an applied event, 0 = forever. */
  @Wiring
  public static Messaging create(Vertx vertx, KafkaClients clients, JsonObject config, Readiness readiness, Discovery discovery,
                                 MeterRegistry registry, long inboxRetentionMs) {
    return new Messaging(vertx, clients, MessagingOptions.from(config), readiness, discovery, registry, inboxRetentionMs);
  }

  /** The Kafka name of a logical topic in this deployment's namespace. */
  String kafkaTopic(String topic) {
    return options.inNamespace(topic);
  }

  KafkaProducer<String, String> producer() {
    return producer;
  }

  public MessagingMetrics metrics() {
    return metrics;
  }

  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /**
   * Creates the topics that do not exist yet, with the configured partitions, replicated on as many
   * brokers as configured and present ({@link MessagingOptions#replicationOn}). Modules start side by
   * side and several ensure the same topic: the first call creates it, the others wait for that
   * creation (so that none goes on while the topic is still being created), and later calls answer
   * at once; a failed creation is tried again by the next call.
   */
  public Future<Void> ensureTopics(String... topics) {
    List<String> names = Arrays.stream(topics).map(options::inNamespace).distinct().toList();
    Promise<Void> creation = Promise.promise();
    List<String> claimed = new ArrayList<>();
    List<Future<Void>> creations = new ArrayList<>();
    synchronized (ensured) {
      for (String name : names) {
        Future<Void> earlier = ensured.get(name);
        if (earlier == null || earlier.failed()) {
          ensured.put(name, creation.future());
          claimed.add(name);
        }
        creations.add(ensured.get(name));
      }
    }
    if (!claimed.isEmpty()) {
      createMissing(claimed).onComplete(creation);
    }
    // another caller's creation completes on its context: what follows belongs to this caller's
    return Future.fromCompletionStage(Future.all(creations).<Void>mapEmpty().toCompletionStage(), vertx.getOrCreateContext());
  }

  private Future<Void> createMissing(List<String> kafkaTopics) {
    return create(kafkaTopics).compose(created -> untilServed("the topics " + kafkaTopics,
      () -> describedTopics(kafkaTopics), System.currentTimeMillis() + TOPIC_CALL_MS)).mapEmpty();
  }

  private Future<Void> create(List<String> kafkaTopics) {
    return vertx.executeBlocking(() -> {
      Set<String> existing = admin.listTopics().names().get(TOPIC_CALL_MS, TimeUnit.MILLISECONDS);
      short replication = options.replicationOn(admin.describeCluster().nodes().get(TOPIC_CALL_MS, TimeUnit.MILLISECONDS).size());
      Map<String, String> configs = replication > 1
        ? Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(replication - 1))
        : Map.of();
      List<NewTopic> missing = kafkaTopics.stream().filter(topic -> !existing.contains(topic))
        .map(topic -> new NewTopic(topic, Optional.of(options.topicPartitions()), Optional.of(replication)).configs(configs)).toList();
      try {
        admin.createTopics(missing).all().get(TOPIC_CALL_MS, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      return null;
    }, false);
  }

  /**
   * Kafka answers a creation once its controller has committed it; each broker serves the topic (its
   * metadata to consumers, its configs) a moment later, and until then answers that it does not know
   * it: {@code ask} is asked again on a timer until it answers, or fails past {@code deadline}.
   */
  private <T> Future<T> untilServed(String what, Callable<Optional<T>> ask, long deadline) {
    return vertx.executeBlocking(ask, false).compose(answer -> {
      if (answer.isPresent()) {
        return Future.succeededFuture(answer.get());
      }
      if (System.currentTimeMillis() >= deadline) {
        return Future.failedFuture("Kafka still does not serve " + what + " after " + TOPIC_CALL_MS + " ms");
      }
      return vertx.timer(TOPIC_RECHECK_MS).compose(waited -> untilServed(what, ask, deadline));
    });
  }

  private Optional<Map<String, TopicDescription>> describedTopics(List<String> kafkaTopics) throws Exception {
    return servedOrEmpty(admin.describeTopics(kafkaTopics).allTopicNames());
  }

  /** A broker asked for the configuration of a topic created a moment ago may not serve it yet: another may have answered the creation. */
  private Optional<Config> describedConfig(String kafkaTopic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, kafkaTopic);
    return servedOrEmpty(admin.describeConfigs(List.of(resource)).all()).map(configs -> configs.get(resource));
  }

  /** The answer, or empty when the broker does not know the topic yet. */
  private static <T> Optional<T> servedOrEmpty(KafkaFuture<T> answer) throws Exception {
    try {
      return Optional.of(answer.get(TOPIC_CALL_MS, TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Creates {@code topic} if need be, then refuses to go on (a {@link StartupException}) when
   * Kafka keeps its records longer than the inboxes keep their rows: a replay from the beginning
   * would apply again the events whose inbox rows were pruned. A topic that is compacted or has
   * {@code retention.ms=-1} keeps records forever, which only an inbox never pruned matches.
   */
  public Future<Void> requireInboxOutlives(String topic) {
    if (inboxRetentionMs == 0) {
      return ensureTopics(topic);
    }
    String kafkaTopic = options.inNamespace(topic);
    return ensureTopics(topic).compose(created -> untilServed("the configuration of topic " + kafkaTopic,
      () -> describedConfig(kafkaTopic), System.currentTimeMillis() + TOPIC_CALL_MS)).compose(config -> {
      long topicRetentionMs = Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value());
      String cleanupPolicy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
      boolean deletes = cleanupPolicy.contains(TopicConfig.CLEANUP_POLICY_DELETE);
      if (!deletes || topicRetentionMs < 0) {
        throw StartupException.of(Retention.INBOX_SETTING, "topic " + kafkaTopic + " keeps its records forever ("
          + (deletes ? "retention.ms=-1" : "cleanup.policy=" + cleanupPolicy)
          + ") but the inbox forgets an applied event after " + hours(inboxRetentionMs)
          + ", so a replay from the beginning would apply it again; set it to 0 (never prune the inbox) or give the topic a retention");
      }
      if (topicRetentionMs > inboxRetentionMs) {
        throw StartupException.of(Retention.INBOX_SETTING, "topic " + kafkaTopic + " keeps its records for " + hours(topicRetentionMs)
          + " (retention.ms=" + topicRetentionMs + ") but the inbox forgets an applied event after " + hours(inboxRetentionMs)
          + ", so a replay from the beginning would apply it again; set it to at least " + (topicRetentionMs + HOUR_MS - 1) / HOUR_MS
          + " (hours) or 0 (never prune the inbox)");
      }
      return Future.<Void>succeededFuture();
    });
  }

  private static String hours(long ms) {
    return ms % HOUR_MS == 0 ? ms / HOUR_MS + " h" : String.format(Locale.ROOT, "%.2f h", ms / (double) HOUR_MS);
  }

  /** Starts relaying {@code database}'s outbox to Kafka on the caller's context; modules deploy an {@link OutboxRelayVerticle}. */
  OutboxRelay startRelay(Database database, String module) {
    OutboxRelay relay = new OutboxRelay(vertx, database, producer, options, metrics, module,
      () -> readiness.unregisterBacklog(module));
    readiness.registerBacklog(module, relay::backlog);
    relay.start();
    return relay;
  }

  /**
   * Joins consumer group {@code group} on {@code topic}; {@code handler} decides the fate of each
   * record whose type {@code types} declares handled, {@code beforeReplayFromStart} clears the
   * group's effects before a full replay.
   */
  public Future<DurableSubscription> subscribe(String topic, String group, EventTypes types, Function<Event, Future<Void>> handler,
                                               Supplier<Future<Void>> beforeReplayFromStart) {
    return subscribe(topic, group, TypedHandler.of(group, types, handler, metrics), clients.consumer(options.inNamespace(group)),
      beforeReplayFromStart);
  }

  /**
   * Joins consumer group {@code group} on {@code topic} as {@link #subscribe(String, String, EventTypes, Function, Supplier)}
   * does, handing {@code runs} a partition's handled records of one poll at once, in order; should
   * a run fail, its records go to {@code handler} one by one. {@code runs} must not take part of a
   * run: it succeeds having handled all of them, or fails having handled none.
   */
  public Future<DurableSubscription> subscribe(String topic, String group, EventTypes types, Function<Event, Future<Void>> handler,
                                               Function<List<Event>, Future<Void>> runs, Supplier<Future<Void>> beforeReplayFromStart) {
    return subscribe(topic, group, TypedHandler.of(group, types, handler, runs, metrics), clients.consumer(options.inNamespace(group)),
      beforeReplayFromStart);
  }

  /**
   * Joins consumer group {@code group} on {@code topic}, applying each handled record's inbox
   * effect, a partition's records of one poll in one transaction. Such a group is no one's step on
   * the way to an answer, so its member waits at the broker for fuller batches
   * ({@code messaging.consumer-batch-wait-ms}).
   */
  public Future<DurableSubscription> subscribe(String topic, String group, EventTypes types, InboxEffects effects,
                                               Supplier<Future<Void>> beforeReplayFromStart) {
    return subscribe(topic, group, TypedHandler.of(group, types, effects, metrics),
      clients.batchingConsumer(options.inNamespace(group), options.consumerBatchWaitMs()), beforeReplayFromStart);
  }

  private Future<DurableSubscription> subscribe(String topic, String group, TypedHandler handler, Properties consumerConfig,
                                                Supplier<Future<Void>> beforeReplayFromStart) {
    DurableSubscription subscription = new DurableSubscription(vertx, consumerConfig, producer, options.inNamespace(topic), group,
      handler, beforeReplayFromStart, options, metrics);
    return ensureTopics(topic, DeadLettering.deadLetterTopic(group))
      .compose(created -> subscription.start())
      .compose(started -> serveControl(subscription))
      .map(subscription);
  }

  /**
   * Makes a group controllable from the gateway's admin API: the event-bus service
   * {@code consumer-group.<group>} answers {@code replay} {@code {from}} and {@code lag}.
   */
  private Future<Void> serveControl(DurableSubscription subscription) {
    String group = subscription.group();
    String address = CONTROL_SERVICE_PREFIX + group;
    return BusEndpoint.serve(vertx, address, CONTROL_ACTIONS, LOG, Map.of(
        REPLAY, request -> subscription.replay(replayPosition(request.body().getValue("from")))
          .map(replaying -> new JsonObject().put("group", group).put("from", request.body().getValue("from", "beginning"))),
        LAG, request -> subscription.lag().map(lag -> new JsonObject().put("group", group).put("lag", lag))))
      .compose(control -> discovery.publishEventBusService(address, address)
        .map(registration -> {
          subscription.onStop(() -> discovery.unpublish(registration).eventually(control::unregister));
          return null;
        }));
  }

  private static Instant replayPosition(Object from) {
    if (from == null || "beginning".equals(from)) {
      return null;
    }
    try {
      return Instant.parse(String.valueOf(from));
    } catch (DateTimeParseException e) {
      throw new Refusal(400, "from: must be \"beginning\" or an ISO-8601 instant such as 2026-11-22T10:00:00Z");
    }
  }

  @Wiring
  public Future<Void> close() {
    return producer.close().eventually(() -> vertx.executeBlocking(() -> {
      admin.close();
      return null;
    }));
  }
}

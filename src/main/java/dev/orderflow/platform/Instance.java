package dev.orderflow.platform;

import dev.orderflow.platform.bus.Discovery;
import dev.orderflow.platform.bus.NodeStatus;
import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.cluster.ClusterMaps;
import dev.orderflow.platform.cluster.ClusterNode;
import dev.orderflow.platform.core.FreeSpace;
import dev.orderflow.platform.core.Metrics;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.platform.http.HttpServerLimits;
import dev.orderflow.platform.http.ProbeServer;
import dev.orderflow.platform.logging.LogFormat;
import dev.orderflow.platform.messaging.KafkaBridge;
import dev.orderflow.platform.messaging.KafkaInfrastructure;
import dev.orderflow.platform.messaging.Messaging;
import dev.orderflow.platform.sql.Databases;
import dev.orderflow.platform.sql.Retention;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.types.HttpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running Orderflow instance: configuration, Kafka, databases, discovery and the selected
 * modules. {@link #start} and {@link #stop} block their caller (the launcher or a test), never an
 * event loop.
 */
public final class Instance {

  private static final Logger LOG = LoggerFactory.getLogger(Instance.class);
  private static final long DEPLOY_TIMEOUT_MS = 60_000;
  private static final long UNDEPLOY_TIMEOUT_MS = 9_000;
  private static final String GATEWAY = "gateway";

  private final Vertx vertx;
  private final JsonObject config;
  private final Platform platform;
  /** Newest first: a module started after those it requires, so popping stops it before them. */
  private final Deque<Deployment> deployments = new ConcurrentLinkedDeque<>();
  private final KafkaBridge bridge;
  /** The registration of this node's own discovery record, once published. */
  private String nodeRecord;
  /** The probe server of an instance without the gateway; null with it. */
  private ProbeServer probes;

  private Instance(Vertx vertx, JsonObject config, Platform platform, KafkaBridge bridge) {
    this.vertx = vertx;
    this.config = config;
    this.platform = platform;
    this.bridge = bridge;
  }

  public static Instance start(ModuleRegistry registry, Map<String, String> overrides) {
    Metrics metrics = new Metrics();
    Settings settings = Settings.catalog();
    JsonObject config = ConfigLoader.load(settings, overrides);
    LogFormat.apply(config.getJsonObject("logging").getString("format"));
    JsonObject cluster = config.getJsonObject("cluster");
    ClusterNode node = cluster.getBoolean("enabled") ? ClusterNode.join(metrics, cluster) : null;
    Vertx vertx = node == null ? metrics.newVertx() : node.vertx();
    CompletableFuture<KafkaInfrastructure> kafkaStarting = null;
    Instance instance = null;
    try {
      List<String> modules = registry.select(config.getJsonArray("modules"));
      settings.generateUnsetSecrets(config, modules).forEach(pair -> LOG.info(
        "{} unset: generated a random key for this process, shared in memory only", pair));
      KafkaBridge bridge = KafkaBridge.from(config.getJsonObject("messaging").getJsonObject("bridge"));
      Path dataDir = Path.of(config.getJsonObject("data").getString("dir"));
      int checkTimeoutMs = config.getJsonObject("startup").getInteger("check-timeout-ms");
      kafkaStarting = startKafka(config.getJsonObject("kafka"), dataDir, checkTimeoutMs);
      Readiness readiness = new Readiness(vertx);
      if (node != null) {
        node.registerHealthCheck(readiness);
      }
      FreeSpace.register(vertx, readiness, dataDir, config.getJsonObject("data").getLong("min-free-bytes"));
      Databases databases = Databases.connect(vertx, config, dataDir, checkTimeoutMs, readiness);
      databases.migrateAhead(modules);
      String nodeId = node == null ? "single-" + UUID.randomUUID() : node.nodeId();
      String advertisedHost = node == null ? "127.0.0.1" : node.publicHost();
      Discovery discovery = Discovery.create(vertx, nodeId, advertisedHost);
      if (node != null) {
        node.onMemberLeft(live -> discovery.unpublishAllBut(live)
          .onFailure(e -> LOG.warn("could not unpublish the records of a node that left the cluster: {}", e.getMessage())));
      }
      ServiceClient services = new ServiceClient(vertx, discovery, config.getJsonObject("requests"), metrics.registry());
      KafkaInfrastructure kafka = started(kafkaStarting);
      kafka.registerHealthCheck(vertx, readiness);
      Messaging messaging = Messaging.create(vertx, kafka.clients(), config.getJsonObject("messaging"), readiness, discovery,
        metrics.registry(), databases.retention().retentionMs(Retention.Kept.APPLIED_EVENTS));
      instance = new Instance(vertx, config,
        new Platform(vertx, discovery, services, databases, readiness, kafka, messaging, metrics, dataDir,
          node == null ? ClusterMaps.none(vertx) : node.maps()), bridge);
      if (!modules.contains(GATEWAY)) {
        instance.startProbes();
      }
      instance.deploy(registry, modules);
      NodeStatus.serve(vertx, nodeId, services);
      instance.nodeRecord = discovery.publishNode(new JsonObject().put("host", advertisedHost).put("modules", new JsonArray(modules))
        .put("startedAt", Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString())).await();
      bridge.start(vertx, messaging).await();
      instance.logSummary(modules);
      return instance;
    } catch (RuntimeException e) {
      if (instance != null) {
        instance.stop();
      } else {
        closeOnceStarted(kafkaStarting);
        vertx.close().await();
      }
      throw e;
    }
  }

  /**
   * Starts the embedded broker or checks the external one on a thread of its own: the broker takes
   * seconds to start, while the databases, their migrations and discovery need none of it.
   */
  private static CompletableFuture<KafkaInfrastructure> startKafka(JsonObject kafkaConfig, Path dataDir, int checkTimeoutMs) {
    return CompletableFuture.supplyAsync(() -> KafkaInfrastructure.start(kafkaConfig, dataDir, checkTimeoutMs),
      task -> new Thread(task, "kafka-start").start());
  }

  /** Blocking: waits for {@link #startKafka} and rethrows its failure (a {@link StartupException} names the setting). */
  private static KafkaInfrastructure started(CompletableFuture<KafkaInfrastructure> kafka) {
    try {
      return kafka.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : e;
    }
  }

  /** After a failure elsewhere: waits for the broker to have started (or failed), then closes it. */
  private static void closeOnceStarted(CompletableFuture<KafkaInfrastructure> kafka) {
    if (kafka == null) {
      return;
    }
    try {
      started(kafka).close();
    } catch (RuntimeException e) {
      LOG.debug("Kafka did not start: {}", e.getMessage());
    }
  }

  public Platform platform() {
    return platform;
  }

  /** The base URL of the HTTP endpoint published under {@code name}, for example the gateway's. */
  public String httpEndpoint(String name) {
    Record record = platform.discovery().lookup(name).await();
    if (record == null) {
      throw new IllegalStateException("no HTTP endpoint named " + name);
    }
    return record.getLocation().getString("endpoint");
  }

  /** Undeploys the modules in reverse order (the gateway drains first), then closes Kafka and Vert.x. */
  public void stop() {
    try {
      bridge.stop().await(UNDEPLOY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("the Kafka bridge did not stop cleanly: {}", e.getMessage());
    }
    if (nodeRecord != null) {
      try {
        platform.discovery().unpublish(nodeRecord).await(UNDEPLOY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("this node's record was not unpublished: {}", e.getMessage());
      }
    }
    while (!deployments.isEmpty()) {
      Deployment deployment = deployments.pop();
      platform.readiness().moduleStopping(deployment.module());
      try {
        vertx.undeploy(deployment.id()).await(UNDEPLOY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("module {} did not stop cleanly: {}", deployment.module(), e.getMessage());
      }
    }
    if (probes != null) {
      try {
        vertx.undeploy(probes.deploymentID()).await(UNDEPLOY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("the probe server did not stop cleanly: {}", e.getMessage());
      }
    }
    platform.discovery().close();
    platform.messaging().close().await();
    platform.kafka().close();
    vertx.close().await();
    LOG.info("Orderflow stopped");
  }

  /** Before the modules, so that liveness answers while they start and readiness says they are starting. */
  private void startProbes() {
    JsonObject settings = config.getJsonObject("probes");
    ProbeServer server = new ProbeServer(platform.readiness(), platform.metrics(),
      HttpServerLimits.from(config.getJsonObject(GATEWAY)), settings.getString("http-host"), settings.getInteger("http-port"));
    try {
      vertx.deployVerticle(server).await(DEPLOY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw startupFailure("probes", e);
    }
    probes = server;
  }

  /**
   * Prepares every module at once, then deploys each as soon as its preparation is done and the
   * selected modules it requires have started, so that modules independent of one another start side
   * by side and a slow preparation holds back only the modules that require its module. Every
   * deployment is made from this thread: one made from a module's callback would become that module's
   * child and stop with it. On a failure, waits for the deployments under way (so that {@link #stop}
   * undeploys them), then fails.
   */
  private void deploy(ModuleRegistry registry, List<String> modules) {
    modules.forEach(platform.readiness()::moduleStarting);
    // what woke this thread: a module whose deployment settled, or (empty) a preparation that finished
    BlockingQueue<Optional<String>> settled = new LinkedBlockingQueue<>();
    Map<String, Future<Deployable>> prepared = new HashMap<>();
    for (String module : modules) {
      Future<Deployable> preparation = registry.prepare(module, platform).timeout(DEPLOY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      prepared.put(module, preparation);
      // a handler of the preparation itself runs once it is complete (one of a future derived from it could run before)
      preparation.onComplete(done -> settled.add(Optional.empty()));
    }
    Map<String, Future<String>> deploying = new HashMap<>();
    Set<String> started = new HashSet<>();
    while (started.size() < modules.size()) {
      for (String module : modules) {
        if (!deploying.containsKey(module) && prepared.get(module).isComplete()
          && registry.requirements(module).stream().filter(modules::contains).allMatch(started::contains)) {
          deploying.put(module, deploy(module, prepared.get(module)).onComplete(done -> settled.add(Optional.of(module))));
        }
      }
      Optional<String> woken = nextSettled(settled);
      if (woken.isEmpty()) {
        continue;
      }
      String module = woken.get();
      Future<String> deployment = deploying.get(module);
      if (deployment.failed()) {
        deploying.values().forEach(other -> other.otherwiseEmpty().await());
        throw startupFailure(module, deployment.cause());
      }
      started.add(module);
    }
  }

  private static Optional<String> nextSettled(BlockingQueue<Optional<String>> settled) {
    try {
      return settled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while the modules started");
    }
  }

  private Future<String> deploy(String module, Future<Deployable> preparation) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config.getJsonObject(module, new JsonObject()));
    if (preparation.failed()) {
      return Future.failedFuture(preparation.cause());
    }
    return vertx.deployVerticle(preparation.result(), options)
      .timeout(DEPLOY_TIMEOUT_MS, TimeUnit.MILLISECONDS)
      .onSuccess(id -> {
        deployments.push(new Deployment(module, id));
        platform.readiness().moduleStarted(module);
      });
  }

  private void logSummary(List<String> modules) {
    List<String> endpoints = platform.discovery().records(HttpEndpoint.TYPE).await().stream()
      .map(record -> record.getName() + " " + record.getLocation().getString("endpoint"))
      .sorted()
      .toList();
    double seconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
    LOG.info(String.format("Orderflow ready in %.2f s (pid %d)%n  modules:  %s%n  http:     %s%n  probes:   %s%n  cluster:  %s%n"
        + "  kafka:    %s%n  database: %s",
      seconds, ProcessHandle.current().pid(), String.join(", ", modules),
      endpoints.isEmpty() ? "none" : String.join(", ", endpoints),
      probes == null ? "on the gateway's port" : probes.url(),
      vertx.isClustered() ? config.getJsonObject("cluster").getString("name") : "none (a single instance)",
      platform.kafka().describe(), platform.databases().describe()));
  }

  private static StartupException startupFailure(String module, Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StartupException startup) {
        return startup;
      }
    }
    return new StartupException("module " + module + " did not start: " + StartupException.rootMessage(failure));
  }

  private record Deployment(String module, String id) {
  }
}

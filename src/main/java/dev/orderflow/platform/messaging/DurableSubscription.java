package dev.orderflow.platform.messaging;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One consumer group on one topic. Records are handled one at a time per partition, in order; a
 * record's offset is committed only after its handler succeeded (or it was dead-lettered), and
 * only contiguous finished offsets are committed: once per commit interval
 * ({@code messaging.consumer-commit-interval-ms}), when the group hands partitions over (closing
 * the consumer on stop hands them all over) and before a replay. A commit per poll would cost a
 * broker round trip per record at moderate rates; what a crash redelivers instead (up to one
 * interval) the inbox drops. A failing record is retried with exponential backoff and jitter, then
 * parked on the group's dead-letter topic ({@link DeadLettering}), and consumption goes on.
 *
 * <p>Rebalances. A member polls only between batches, and Kafka moves partitions only inside a
 * poll, so at that moment nothing is in hand, and what finished since the last commit is committed
 * by the revoke listener ({@link HandingOverConsumer}) before the partitions go. Two cases would
 * break that, and are handled: a batch that outlasts {@code max.poll.interval.ms} (retries, a slow
 * database) gets its member thrown out of the group while it still works on the partitions, and
 * a long batch holds up the whole group's rebalance (every member must rejoin). So a batch still
 * running after one poll interval pauses the partitions and keeps polling (which fetches nothing)
 * until it ends; a revoke arriving in such a poll runs {@link HandingOverConsumer}'s listener on
 * the polling thread, which stops handing out the revoked partitions' records, lets those in hand
 * finish (or drops them after a bounded wait), commits their contiguous finished offsets
 * synchronously, and only then lets the partitions go. vertx-kafka-client's own
 * {@code partitionsRevokedHandler} could not do this: it runs on the event loop after the rebalance.
 * What the new owner still redelivers (a dropped record, a commit that failed) the inbox makes
 * harmless; per-key order holds because a partition's records are handled one after another by
 * one member at a time, and resume from the last committed contiguous offset.
 */
public final class DurableSubscription {

  private static final Logger LOG = LoggerFactory.getLogger(DurableSubscription.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long LAG_PERIOD_MS = 5000;
  /** Beyond the longest retry wait: how long a revoke waits for the records in hand before it lets them go. */
  private static final long RELEASE_GRACE_MS = 5000;

  private final Vertx vertx;
  private final Context context;
  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final String group;
  private final TypedHandler handler;
  private final Supplier<Future<Void>> beforeReplayFromStart;
  private final MessagingOptions options;
  private final MessagingMetrics metrics;
  private final DeadLettering deadLettering;
  private final Promise<Void> stopped = Promise.promise();
  private boolean stopping;
  private Supplier<Future<Void>> onStop = Future::succeededFuture;
  private long lagTimer = -1;
  private Replay pendingReplay;
  /** The current batch, per partition: the chain of its records, and the offset after its last finished one not yet committed. */
  private final Map<TopicPartition, Future<Void>> chains = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> finished = new HashMap<>();
  /** Partitions revoked during the current batch: no record of theirs is started any more. */
  private final Set<TopicPartition> released = new HashSet<>();
  private volatile boolean holding;
  private long lastCommitNanos = System.nanoTime();

  DurableSubscription(Vertx vertx, Properties consumerConfig, KafkaProducer<String, String> producer,
                      String topic, String group, TypedHandler handler,
                      Supplier<Future<Void>> beforeReplayFromStart, MessagingOptions options, MessagingMetrics metrics) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.consumer = KafkaConsumer.create(vertx, new HandingOverConsumer(consumerConfig, new PollingThreadBridge()));
    this.topic = topic;
    this.group = group;
    this.handler = handler;
    this.beforeReplayFromStart = beforeReplayFromStart;
    this.options = options;
    this.metrics = metrics;
    this.deadLettering = new DeadLettering(vertx, producer, group, options, metrics, record -> abandoned(partitionOf(record)));
  }

  public String group() {
    return group;
  }

  Future<Void> start() {
    return consumer.subscribe(topic).onSuccess(subscribed -> vertx.runOnContext(ignored -> {
      lagTimer = vertx.setPeriodic(LAG_PERIOD_MS, tick -> partitionLag().onSuccess(lag ->
        lag.forEach((partition, records) -> metrics.lag(group, partition.getTopic(), partition.getPartition(), records))));
      pollNext();
    }));
  }

  /** Stops after the record in hand, then leaves the group. */
  public Future<Void> stop() {
    stopping = true;
    vertx.cancelTimer(lagTimer);
    return onStop.get().eventually(stopped::future).eventually(consumer::close);
  }

  void onStop(Supplier<Future<Void>> action) {
    onStop = action;
  }

  /**
   * Re-delivers the topic to this group from {@code from}, or from the start when it is null, in
   * which case the group's effects are cleared first so that they are rebuilt from the history.
   */
  public Future<Void> replay(Instant from) {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(ignored -> pendingReplay = new Replay(from, done));
    return done.future();
  }

  /** Records between this group's position and the end of each assigned partition. */
  public Future<JsonObject> lag() {
    return partitionLag().map(lag -> {
      JsonObject json = new JsonObject();
      lag.forEach((partition, records) -> json.put(partition.getTopic() + "-" + partition.getPartition(), records));
      return json;
    });
  }

  private Future<Map<TopicPartition, Long>> partitionLag() {
    return consumer.assignment().compose(partitions -> consumer.endOffsets(partitions).compose(ends -> {
      Map<TopicPartition, Long> lag = new LinkedHashMap<>();
      Future<Void> all = Future.succeededFuture();
      for (TopicPartition partition : partitions) {
        all = all.compose(previous -> consumer.position(partition)
          .map(position -> {
            lag.put(partition, Math.max(0, ends.get(partition) - position));
            return null;
          }));
      }
      return all.map(lag);
    }));
  }

  private void pollNext() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    Future<Void> step = pendingReplay == null ? consumer.poll(POLL).compose(this::handleBatch) : applyReplay();
    step.onComplete(done -> {
      if (done.failed()) {
        LOG.warn("consumer group {} on {}: {}; retrying", group, topic, done.cause().getMessage());
        vertx.setTimer(options.retryInitialMs(), fired -> pollNext());
      } else {
        vertx.runOnContext(ignored -> pollNext());
      }
    });
  }

  /**
   * Partitions of a batch are handled side by side, each strictly in order, so that one partition's
   * slow or retried record holds back only its own partition. A handler that takes runs gets each
   * partition's records at once; should the run fail, they are handled one by one.
   */
  private Future<Void> handleBatch(KafkaConsumerRecords<String, String> records) {
    released.clear();
    Map<TopicPartition, Long> firsts = firstOffsets(records);
    byPartition(records).forEach((partition, run) -> chains.put(partition, chains.getOrDefault(partition, Future.succeededFuture())
      .compose(previous -> handler.takesRuns() && run.size() > 1
        ? handleRun(partition, run).recover(failure -> handleEach(partition, run))
        : handleEach(partition, run))));
    Future<Void> handled = Future.join(new ArrayList<>(chains.values())).mapEmpty();
    return holdWhile(handled).transform(held -> {
      Map<TopicPartition, Long> unfinished = unfinished(firsts);
      chains.clear();
      return commitFinishedWhenDue().compose(committed -> handled.recover(failure -> seek(unfinished).compose(back -> Future.failedFuture(failure))));
    });
  }

  private static Map<TopicPartition, List<KafkaConsumerRecord<String, String>>> byPartition(KafkaConsumerRecords<String, String> records) {
    Map<TopicPartition, List<KafkaConsumerRecord<String, String>>> runs = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      runs.computeIfAbsent(partitionOf(records.recordAt(i)), partition -> new ArrayList<>()).add(records.recordAt(i));
    }
    return runs;
  }

  private Future<Void> handleRun(TopicPartition partition, List<KafkaConsumerRecord<String, String>> run) {
    if (abandoned(partition)) {
      return Future.succeededFuture();
    }
    List<Event> events = new ArrayList<>(run.size());
    try {
      run.forEach(record -> events.add(Event.fromKafka(record)));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return handler.applyRun(events).onSuccess(applied -> {
      run.forEach(record -> metrics.consumed(group));
      finished.put(partition, new OffsetAndMetadata(run.get(run.size() - 1).offset() + 1, ""));
    });
  }

  private Future<Void> handleEach(TopicPartition partition, List<KafkaConsumerRecord<String, String>> run) {
    Future<Void> chain = Future.succeededFuture();
    for (KafkaConsumerRecord<String, String> record : run) {
      chain = chain.compose(previous -> abandoned(partition)
        ? Future.<Void>succeededFuture()
        : handle(record, 1)
          .map(handled -> {
            finished.put(partition, new OffsetAndMetadata(record.offset() + 1, ""));
            return (Void) null;
          })
          .recover(failure -> abandoned(partition) ? Future.succeededFuture() : Future.failedFuture(failure)));
    }
    return chain;
  }

  /** Where each partition whose chain failed must resume, so that the next poll does not skip its unfinished records. */
  private Map<TopicPartition, Long> unfinished(Map<TopicPartition, Long> firsts) {
    Map<TopicPartition, Long> resumeAt = new HashMap<>();
    chains.forEach((partition, chain) -> {
      if (chain.failed() && !released.contains(partition)) {
        OffsetAndMetadata done = finished.get(partition);
        resumeAt.put(partition, done == null ? firsts.get(partition) : done.getOffset());
      }
    });
    return resumeAt;
  }

  private Future<Void> commitFinishedWhenDue() {
    return System.nanoTime() - lastCommitNanos >= TimeUnit.MILLISECONDS.toNanos(options.consumerCommitIntervalMs())
      ? commitFinished()
      : Future.succeededFuture();
  }

  /** Commits the finished offsets of the partitions still held; kept for the next try (or the revoke) if the commit fails. */
  private Future<Void> commitFinished() {
    finished.keySet().removeAll(released);
    lastCommitNanos = System.nanoTime();
    if (finished.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(finished);
    return consumer.commit(offsets).onSuccess(committed -> offsets.forEach(finished::remove)).mapEmpty();
  }

  /**
   * Lets the batch run past one poll interval without leaving the group or stalling its
   * rebalances: pauses every assigned partition and polls (fetching nothing) until the batch ends.
   */
  private Future<Void> holdWhile(Future<Void> handled) {
    Promise<Void> held = Promise.promise();
    long timer = vertx.setTimer(POLL.toMillis(), fired -> hold(handled).onComplete(held));
    handled.onComplete(done -> {
      if (vertx.cancelTimer(timer)) {
        held.complete();
      }
    });
    return held.future();
  }

  private Future<Void> hold(Future<Void> handled) {
    holding = true;
    return consumer.assignment().compose(consumer::pause)
      .compose(paused -> keepPolling(handled.otherwiseEmpty()))
      .eventually(() -> {
        holding = false;
        return consumer.paused().compose(consumer::resume);
      });
  }

  private Future<Void> keepPolling(Future<Void> settled) {
    if (settled.isComplete()) {
      return Future.succeededFuture();
    }
    return consumer.poll(Duration.ZERO).compose(this::rewind)
      .compose(polled -> Future.any(settled, vertx.timer(POLL.toMillis())))
      .compose(waited -> keepPolling(settled));
  }

  /** A poll that holds the partitions should fetch nothing; whatever it did fetch is fetched again after the batch. */
  private Future<Void> rewind(KafkaConsumerRecords<String, String> fetched) {
    return seek(firstOffsets(fetched));
  }

  private static Map<TopicPartition, Long> firstOffsets(KafkaConsumerRecords<String, String> records) {
    Map<TopicPartition, Long> firsts = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      firsts.putIfAbsent(partitionOf(records.recordAt(i)), records.recordAt(i).offset());
    }
    return firsts;
  }

  private Future<Void> seek(Map<TopicPartition, Long> offsets) {
    Future<Void> all = Future.succeededFuture();
    for (Map.Entry<TopicPartition, Long> offset : offsets.entrySet()) {
      all = all.compose(previous -> consumer.seek(offset.getKey(), offset.getValue()));
    }
    return all;
  }

  /** On the event loop: the revoked partitions' records in hand settle (or the grace runs out), then their finished offsets go. */
  private Future<Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>> settle(
    Collection<org.apache.kafka.common.TopicPartition> revoked) {
    List<Future<Void>> inHand = new ArrayList<>();
    for (org.apache.kafka.common.TopicPartition partition : revoked) {
      TopicPartition ours = new TopicPartition(partition.topic(), partition.partition());
      released.add(ours);
      inHand.add(chains.getOrDefault(ours, Future.succeededFuture()));
    }
    return Future.any(Future.join(inHand).otherwiseEmpty(), vertx.timer(options.retryMaxMs() + RELEASE_GRACE_MS)).map(waited -> {
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets = new HashMap<>();
      for (org.apache.kafka.common.TopicPartition partition : revoked) {
        OffsetAndMetadata done = finished.remove(new TopicPartition(partition.topic(), partition.partition()));
        if (done != null) {
          offsets.put(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(done.getOffset(), done.getMetadata()));
        }
      }
      return offsets;
    });
  }

  private boolean abandoned(TopicPartition partition) {
    return stopping || released.contains(partition);
  }

  private static TopicPartition partitionOf(KafkaConsumerRecord<String, String> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  /** The bridge from the polling thread, where Kafka calls the rebalance listener, to this subscription's event loop. */
  private final class PollingThreadBridge implements HandingOverConsumer.Handover {

    @Override
    public Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> release(
      Collection<org.apache.kafka.common.TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return Map.of();
      }
      Promise<Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>> settled = Promise.promise();
      context.runOnContext(ignored -> settle(partitions).onComplete(settled));
      try {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets =
          settled.future().toCompletionStage().toCompletableFuture().get(options.retryMaxMs() + 2 * RELEASE_GRACE_MS, TimeUnit.MILLISECONDS);
        LOG.info("group {} hands over {}{}", group, partitions, offsets.isEmpty() ? "" : " once it committed " + offsets);
        return offsets;
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("group {} hands over {} without committing: {}", group, partitions, e.toString());
        return Map.of();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Map.of();
      }
    }

    @Override
    public boolean holding() {
      return holding;
    }
  }

  private Future<Void> handle(KafkaConsumerRecord<String, String> record, int attempt) {
    if (abandoned(partitionOf(record))) {
      return Future.failedFuture("released");
    }
    Future<Void> outcome;
    try {
      outcome = handler.apply(Event.fromKafka(record));
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome
      .onSuccess(handled -> metrics.consumed(group))
      .recover(failure -> {
        metrics.failed(group);
        if (abandoned(partitionOf(record))) {
          return Future.failedFuture(failure);
        }
        if (attempt < options.maxAttempts()) {
          long delay = options.retryDelayMs(attempt);
          LOG.warn("group {} failed {}-{}@{} (attempt {} of {}), retrying in {} ms: {}", group, record.topic(),
            record.partition(), record.offset(), attempt, options.maxAttempts(), delay, failure.getMessage());
          return vertx.timer(delay).compose(waited -> handle(record, attempt + 1));
        }
        return deadLettering.park(record, failure, attempt);
      });
  }

  private Future<Void> applyReplay() {
    Replay replay = pendingReplay;
    return consumer.assignment().compose(partitions -> {
      if (partitions.isEmpty()) {
        return consumer.poll(POLL).compose(this::handleBatch);
      }
      pendingReplay = null;
      // progress made before the replay is committed before the rewind, not after it over the records the replay redelivers
      Future<Void> rewound = commitFinished().compose(committed -> replay.from() == null
        ? beforeReplayFromStart.get().compose(cleared -> consumer.seekToBeginning(partitions))
        : seekToTime(partitions, replay.from()));
      return rewound
        .onSuccess(done -> LOG.info("group {} replays {} from {}", group, topic, replay.from() == null ? "the beginning" : replay.from()))
        .onComplete(replay.done());
    });
  }

  private Future<Void> seekToTime(Set<TopicPartition> partitions, Instant from) {
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
    return consumer.offsetsForTimes(times).compose(offsets -> {
      Future<Void> all = Future.succeededFuture();
      for (TopicPartition partition : partitions) {
        var found = offsets.get(partition);
        all = all.compose(previous -> found == null ? consumer.seekToEnd(partition) : consumer.seek(partition, found.getOffset()));
      }
      return all;
    });
  }

  private record Replay(Instant from, Promise<Void> done) {
  }
}

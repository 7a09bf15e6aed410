package dev.orderflow.platform.messaging;

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
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One consumer group on one topic. Records are handled one at a time per partition, in order; a
 * record's offset is committed only after its handler succeeded (or it was dead-lettered), and
 * only contiguous finished offsets are committed. A failing record is retried with exponential
 * backoff and jitter, then parked on the group's dead-letter topic ({@link DeadLettering}), and
 * consumption goes on.
 */
public final class DurableSubscription {

  private static final Logger LOG = LoggerFactory.getLogger(DurableSubscription.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long LAG_PERIOD_MS = 5000;

  private final Vertx vertx;
  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final String group;
  private final Function<Event, Future<Void>> handler;
  private final Supplier<Future<Void>> beforeReplayFromStart;
  private final MessagingOptions options;
  private final MessagingMetrics metrics;
  private final DeadLettering deadLettering;
  private final Promise<Void> stopped = Promise.promise();
  private boolean stopping;
  private Supplier<Future<Void>> onStop = Future::succeededFuture;
  private long lagTimer = -1;
  private Replay pendingReplay;

  DurableSubscription(Vertx vertx, KafkaConsumer<String, String> consumer, KafkaProducer<String, String> producer,
                      String topic, String group, Function<Event, Future<Void>> handler,
                      Supplier<Future<Void>> beforeReplayFromStart, MessagingOptions options, MessagingMetrics metrics) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.topic = topic;
    this.group = group;
    this.handler = handler;
    this.beforeReplayFromStart = beforeReplayFromStart;
    this.options = options;
    this.metrics = metrics;
    this.deadLettering = new DeadLettering(vertx, producer, group, options, metrics, () -> stopping);
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
   * slow or retried record holds back only its own partition.
   */
  private Future<Void> handleBatch(KafkaConsumerRecords<String, String> records) {
    Map<TopicPartition, OffsetAndMetadata> finished = new HashMap<>();
    Map<TopicPartition, Future<Void>> chains = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      chains.put(partition, chains.getOrDefault(partition, Future.succeededFuture()).compose(previous -> handle(record, 1)
        .map(handled -> {
          finished.put(partition, new OffsetAndMetadata(record.offset() + 1, ""));
          return null;
        })));
    }
    return Future.join(new ArrayList<>(chains.values())).transform(outcome -> commit(finished).compose(committed -> stopping || outcome.succeeded()
      ? Future.<Void>succeededFuture()
      : Future.<Void>failedFuture(outcome.cause())));
  }

  private Future<Void> commit(Map<TopicPartition, OffsetAndMetadata> finished) {
    return finished.isEmpty() ? Future.succeededFuture() : consumer.commit(finished).mapEmpty();
  }

  private Future<Void> handle(KafkaConsumerRecord<String, String> record, int attempt) {
    if (stopping) {
      return Future.failedFuture("stopping");
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
        if (stopping) {
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
      Future<Void> rewound = replay.from() == null
        ? beforeReplayFromStart.get().compose(cleared -> consumer.seekToBeginning(partitions))
        : seekToTime(partitions, replay.from());
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

package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Lease;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes a module's outbox to Kafka in outbox order, then marks the rows published. While Kafka
 * is down it retries with backoff and the backlog waits in the outbox; rows sent but not yet
 * marked are sent again after a failure (at-least-once: consumers dedupe through their inbox).
 */
final class OutboxRelay {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 2000;
  private static final String LEASE = "outbox-relay";
  private static final long METRICS_PERIOD_MS = 5000;
  private static final String UNPUBLISHED = """
    SELECT seq, topic, event_key, attributes, payload FROM outbox
    WHERE published_at IS NULL ORDER BY seq LIMIT #{limit}""";
  private static final String MARK_PUBLISHED = """
    UPDATE outbox SET published_at = #{now} WHERE seq BETWEEN #{first} AND #{last} AND published_at IS NULL""";
  private static final String BACKLOG = "SELECT COUNT(*) AS backlog FROM outbox WHERE published_at IS NULL";

  private final Vertx vertx;
  private final Database database;
  private final Producer<String, String> producer;
  private final MessagingOptions options;
  private final MessagingMetrics metrics;
  private final String module;
  private final Runnable onStop;
  /** Instances sharing a PostgreSQL outbox relay it one at a time, so that its rows go out once and in seq order. */
  private final Lease lease;
  private Context context;
  private long backoffMs;
  private int failedRelays;
  private long timer = -1;
  private long backlogTimer = -1;
  private boolean relaying;
  private boolean stopped;

  OutboxRelay(Vertx vertx, Database database, KafkaProducer<String, String> producer, MessagingOptions options,
              MessagingMetrics metrics, String module, Runnable onStop) {
    this.vertx = vertx;
    this.database = database;
    this.producer = producer.unwrap();
    this.options = options;
    this.metrics = metrics;
    this.module = module;
    this.onStop = onStop;
    this.lease = database.lease(LEASE);
  }

  void start() {
    context = vertx.getOrCreateContext();
    context.runOnContext(ignored -> {
      database.onCommit(this::wake);
      backlogTimer = vertx.setPeriodic(METRICS_PERIOD_MS, tick -> backlog().onSuccess(rows -> metrics.backlog(module, rows)));
      relayNextBatch();
    });
  }

  /** A write committed: relay now instead of at the next poll, unless busy or backing off. */
  private void wake() {
    if (!relaying && backoffMs == 0 && !stopped) {
      vertx.cancelTimer(timer);
      relayNextBatch();
    }
  }

  Future<Long> backlog() {
    return database.read(reads -> reads.query(BACKLOG).get(0).getLong("backlog"));
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    vertx.cancelTimer(backlogTimer);
    lease.release();
    onStop.run();
  }

  private void relayNextBatch() {
    if (stopped) {
      return;
    }
    relaying = true;
    lease.held()
      .compose(held -> held ? relayBatch() : Future.succeededFuture(0))
      .onSuccess(relayed -> {
        if (backoffMs > 0) {
          LOG.info("outbox relay of {} reaches Kafka again", module);
          backoffMs = 0;
          failedRelays = 0;
        }
        schedule(relayed > 0 ? 0 : options.outboxPollMs());
      })
      .onFailure(failure -> {
        if (backoffMs == 0) {
          LOG.warn("outbox relay of {} cannot publish, backlog kept in the outbox: {}", module, failure.getMessage());
        }
        backoffMs = options.relayDelayMs(++failedRelays);
        schedule(backoffMs);
      });
  }

  /** One batch, in seq order; answers how many rows it relayed. */
  private Future<Integer> relayBatch() {
    return database.read(reads -> reads.query(UNPUBLISHED, Map.of("limit", BATCH)))
      .compose(batch -> batch.isEmpty() ? Future.succeededFuture(0) : publish(batch).compose(sent -> markPublished(batch)));
  }

  /**
   * Hands the whole batch to Kafka's own producer in one worker task (its send may block on
   * metadata or a full buffer) and completes once every record is acknowledged: vertx-kafka-client's
   * send costs two thread hops per record, which made the relay a fifth of the producer's rate.
   */
  private Future<Void> publish(List<JsonObject> batch) {
    List<ProducerRecord<String, String>> records = new ArrayList<>(batch.size());
    for (JsonObject row : batch) {
      List<Header> headers = new ArrayList<>();
      for (KafkaHeader header : Event.headers(new JsonObject(row.getString("attributes")))) {
        headers.add(new RecordHeader(header.key(), header.value().getBytes()));
      }
      records.add(new ProducerRecord<>(options.inNamespace(row.getString("topic")), null, row.getString("event_key"),
        row.getString("payload"), headers));
    }
    Promise<Void> acknowledged = Promise.promise();
    AtomicInteger unacknowledged = new AtomicInteger(records.size());
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    return vertx.<Void>executeBlocking(() -> {
      for (int i = 0; i < records.size(); i++) {
        String topic = batch.get(i).getString("topic");
        producer.send(records.get(i), (metadata, failure) -> {
          if (failure == null) {
            metrics.produced(topic);
          } else {
            firstFailure.compareAndSet(null, failure);
          }
          if (unacknowledged.decrementAndGet() == 0) {
            context.runOnContext(ignored -> settle(acknowledged, firstFailure.get()));
          }
        });
      }
      return null;
    }).compose(sent -> acknowledged.future());
  }

  private static void settle(Promise<Void> acknowledged, Exception failure) {
    if (failure == null) {
      acknowledged.complete();
    } else {
      acknowledged.fail(failure);
    }
  }

  /**
   * Marks exactly the rows sent, run by run of consecutive seqs: a row whose seq lies in a gap of the
   * batch was not visible to the SELECT (its transaction took the seq earlier and committed later, on
   * another instance writing the same PostgreSQL outbox) and must stay unpublished for the next batch.
   */
  private Future<Integer> markPublished(List<JsonObject> batch) {
    List<long[]> runs = new ArrayList<>();
    for (JsonObject row : batch) {
      long seq = row.getLong("seq");
      if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == seq - 1) {
        runs.get(runs.size() - 1)[1] = seq;
      } else {
        runs.add(new long[] {seq, seq});
      }
    }
    long now = System.currentTimeMillis();
    return database.write(tx -> {
      for (long[] run : runs) {
        tx.update(MARK_PUBLISHED, Map.of("now", now, "first", run[0], "last", run[1]));
      }
      return batch.size();
    });
  }

  private void schedule(long delayMs) {
    relaying = false;
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMs), fired -> relayNextBatch());
    }
  }
}

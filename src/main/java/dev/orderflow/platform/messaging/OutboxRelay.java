package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Lease;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Publishes a module's outbox to Kafka in outbox order, then marks the rows published, as the
 * database allows ({@link PublishedRows}). While Kafka is down it retries with backoff and the
 * backlog waits in the outbox; rows sent but not yet marked are sent again after a failure
 * (at-least-once: consumers dedupe through their inbox).
 */
final class OutboxRelay {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  static final int BATCH = 2000;
  /** Batches sent but not yet marked: enough for the next batch to go out while the last waits for Kafka and the writer. */
  private static final int UNMARKED_BATCHES = 3;
  private static final String LEASE = "outbox-relay";
  private static final long METRICS_PERIOD_MS = 5000;
  private final Vertx vertx;
  private final Database database;
  private final PublishedRows published;
  private final BatchPublisher publisher;
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
    this.published = PublishedRows.of(database, options);
    this.database = database;
    this.publisher = new BatchPublisher(vertx, producer.unwrap(), metrics);
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
      relayBacklog();
    });
  }

  /** A write committed: relay now instead of at the next poll, unless busy or backing off. */
  private void wake() {
    if (!relaying && backoffMs == 0 && !stopped) {
      vertx.cancelTimer(timer);
      relayBacklog();
    }
  }

  Future<Long> backlog() {
    return published.backlog();
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    vertx.cancelTimer(backlogTimer);
    lease.release();
    onStop.run();
  }

  private void relayBacklog() {
    if (stopped) {
      return;
    }
    relaying = true;
    new Pass().run()
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

  /**
   * One pass over the backlog: each batch is read and handed to the producer as soon as the one
   * before it is in the producer's hands, up to {@link #UNMARKED_BATCHES} not yet marked, so that
   * Kafka's acknowledgements and the marking of batch N overlap the reading and sending of N+1 (one
   * batch after another, the relay spent two thirds of its time waiting for Kafka or for the writer).
   * Answers how many rows it relayed, once every batch it sent is marked or failed.
   */
  private final class Pass {
    private final Promise<Integer> finished = Promise.promise();
    /** The acknowledgements of every batch sent in this pass: a batch is marked once it and all before it are acknowledged. */
    private Future<Void> acknowledged = Future.succeededFuture();
    private int relayed;
    private int unmarkedBatches;
    /** The last seq read in this pass: the next batch starts after it, as the batches before wait to be marked. */
    private long readThrough;
    private Throwable failure;
    private boolean reading;
    private boolean readsOver;

    Future<Integer> run() {
      published.resumeAfter().onComplete(resumed -> {
        if (resumed.succeeded()) {
          readThrough = resumed.result();
        } else {
          failed(resumed.cause());
        }
        proceed();
      });
      return finished.future();
    }

    /** Reads on while there is room for another batch; finishes once nothing is left to read or mark. */
    private void proceed() {
      if (reading) {
        return;
      }
      if (!readsOver && failure == null && !stopped && unmarkedBatches < UNMARKED_BATCHES) {
        relayNext();
      } else if (unmarkedBatches == 0) {
        finished.handle(failure == null ? Future.succeededFuture(relayed) : Future.failedFuture(failure));
      }
    }

    private void relayNext() {
      reading = true;
      lease.held()
        .compose(held -> held ? published.unpublished(readThrough, BATCH) : Future.succeededFuture(List.<OutboxRecord>of()))
        // a batch read while an earlier one failed would only be sent again by the next pass
        .compose(batch -> batch.isEmpty() || failure != null ? Future.succeededFuture(true) : send(batch).map(false))
        .onComplete(outcome -> {
          reading = false;
          if (outcome.failed()) {
            failed(outcome.cause());
          } else {
            readsOver = outcome.result();
          }
          proceed();
        });
    }

    /**
     * Hands the batch to the producer and registers its marking, which waits for the acknowledgement of
     * this batch and of every batch sent before it: after a failure nothing sent later is marked, and the
     * next pass sends it all again in seq order. Completes once the producer holds the batch.
     */
    private Future<Void> send(List<OutboxRecord> batch) {
      readThrough = batch.get(batch.size() - 1).seq();
      unmarkedBatches++;
      Promise<Void> handed = Promise.promise();
      acknowledged = Future.join(acknowledged, publisher.publish(context, batch, handed)).mapEmpty();
      acknowledged.compose(all -> published.markPublished(batch)).onComplete(marked -> {
        unmarkedBatches--;
        if (marked.succeeded()) {
          relayed += marked.result();
        } else {
          failed(marked.cause());
        }
        proceed();
      });
      return handed.future();
    }

    private void failed(Throwable cause) {
      if (failure == null) {
        failure = cause;
      }
    }
  }

  private void schedule(long delayMs) {
    relaying = false;
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMs), fired -> relayBacklog());
    }
  }
}

package dev.orderflow.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.Producer;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands a batch of outbox rows to Kafka's own producer in one worker task (its send may block on
 * metadata or a full buffer): vertx-kafka-client's send costs two thread hops per record, which made
 * the outbox relay a fifth of the producer's rate.
 */
final class BatchPublisher {

  private final Vertx vertx;
  private final Producer<String, String> producer;
  private final MessagingMetrics metrics;

  BatchPublisher(Vertx vertx, Producer<String, String> producer, MessagingMetrics metrics) {
    this.vertx = vertx;
    this.producer = producer;
    this.metrics = metrics;
  }

  /**
   * Sends the rows in their order, completes {@code handed} once the producer holds them all, and
   * answers, on {@code context}, their acknowledgement: failed with the first failure once every
   * record is settled.
   */
  Future<Void> publish(Context context, List<OutboxRecord> batch, Promise<Void> handed) {
    Promise<Void> acknowledged = Promise.promise();
    AtomicInteger unacknowledged = new AtomicInteger(batch.size());
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    vertx.<Void>executeBlocking(() -> {
      String topic = null;
      Counter producedToTopic = null;
      for (OutboxRecord row : batch) {
        if (!row.topic().equals(topic)) {
          topic = row.topic();
          producedToTopic = metrics.producedTo(topic);
        }
        Counter produced = producedToTopic;
        producer.send(row.record(), (metadata, failure) -> {
          if (failure == null) {
            produced.increment();
          } else {
            firstFailure.compareAndSet(null, failure);
          }
          if (unacknowledged.decrementAndGet() == 0) {
            context.runOnContext(ignored -> settle(acknowledged, firstFailure.get()));
          }
        });
      }
      return null;
    }).onComplete(handed);
    // a send that threw left records without a callback: the batch fails with it
    return handed.future().compose(all -> acknowledged.future());
  }

  private static void settle(Promise<Void> acknowledged, Exception failure) {
    if (failure == null) {
      acknowledged.complete();
    } else {
      acknowledged.fail(failure);
    }
  }
}

package dev.orderflow.platform.messaging;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * Parks a record one consumer group gave up on, on the group's dead-letter topic
 * ({@code orderflow.dlt.<group>}): the record as it was, with the error, the attempts and its
 * origin in the headers named here, which {@link DeadLetters} reads back.
 */
public final class DeadLettering {

  static final String DEAD_LETTER_PREFIX = "orderflow.dlt.";
  /** Every header dead-lettering adds begins so; a redrive drops them all. */
  static final String HEADER_PREFIX = "dlt_";
  static final String HEADER_ERROR = HEADER_PREFIX + "error";
  static final String HEADER_ATTEMPTS = HEADER_PREFIX + "attempts";
  static final String HEADER_GROUP = HEADER_PREFIX + "group";
  static final String HEADER_TOPIC = HEADER_PREFIX + "original_topic";
  static final String HEADER_PARTITION = HEADER_PREFIX + "original_partition";
  static final String HEADER_OFFSET = HEADER_PREFIX + "original_offset";
  static final String HEADER_TIME = HEADER_PREFIX + "time";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLettering.class);

  private final Vertx vertx;
  private final KafkaProducer<String, String> producer;
  private final String group;
  private final MessagingOptions options;
  private final MessagingMetrics metrics;
  /** Whether the subscription gave a record up (it stops, or the record's partition moved to another member). */
  private final Predicate<KafkaConsumerRecord<String, String>> abandoned;

  DeadLettering(Vertx vertx, KafkaProducer<String, String> producer, String group, MessagingOptions options,
                MessagingMetrics metrics, Predicate<KafkaConsumerRecord<String, String>> abandoned) {
    this.vertx = vertx;
    this.producer = producer;
    this.group = group;
    this.options = options;
    this.metrics = metrics;
    this.abandoned = abandoned;
  }

  /** The dead-letter topic of {@code group}, before the namespace. */
  public static String deadLetterTopic(String group) {
    return DEAD_LETTER_PREFIX + group;
  }

  /** Completes once the record is parked; an unsent record is sent again until it is, or the record is abandoned. */
  Future<Void> park(KafkaConsumerRecord<String, String> record, Throwable failure, int attempts) {
    String deadLetterTopic = options.inNamespace(deadLetterTopic(group));
    KafkaProducerRecord<String, String> parked = KafkaProducerRecord.create(deadLetterTopic, record.key(), record.value());
    parked.addHeaders(record.headers());
    parked.addHeader(HEADER_ERROR, String.valueOf(failure.getMessage()));
    parked.addHeader(HEADER_ATTEMPTS, String.valueOf(attempts));
    parked.addHeader(HEADER_GROUP, group);
    parked.addHeader(HEADER_TOPIC, record.topic());
    parked.addHeader(HEADER_PARTITION, String.valueOf(record.partition()));
    parked.addHeader(HEADER_OFFSET, String.valueOf(record.offset()));
    parked.addHeader(HEADER_TIME, Instant.now().toString());
    return producer.send(parked)
      .onSuccess(sent -> {
        metrics.deadLettered(group);
        LOG.error("group {} parked {}-{}@{} on {} after {} attempts: {} {}", group, record.topic(), record.partition(),
          record.offset(), deadLetterTopic, attempts, failure.getMessage(), correlation(record));
      })
      .<Void>mapEmpty()
      .recover(unsent -> abandoned.test(record)
        ? Future.failedFuture(unsent)
        : vertx.timer(options.retryMaxMs()).compose(waited -> park(record, failure, attempts)));
  }

  private static String correlation(KafkaConsumerRecord<String, String> record) {
    for (KafkaHeader header : record.headers()) {
      if (header.key().equals("ce_correlationid")) {
        return "correlationId=" + header.value();
      }
    }
    return "";
  }
}

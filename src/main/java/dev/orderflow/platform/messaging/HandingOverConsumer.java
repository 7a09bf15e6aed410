package dev.orderflow.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.Properties;

/**
 * The native consumer under a {@link DurableSubscription}, subscribed with the subscription's
 * rebalance listener instead of vertx-kafka-client's. Theirs only posts the partitions to the event
 * loop, where the handler runs after the rebalance is over; this one runs inside {@code poll} on the
 * polling thread, so a revoked partition leaves only once its records in hand have settled and its
 * finished offsets are committed (synchronously, while this member still owns it).
 */
final class HandingOverConsumer extends KafkaConsumer<String, String> {

  private static final Logger LOG = LoggerFactory.getLogger(HandingOverConsumer.class);

  /** What the subscription does when the group moves partitions; called on the polling thread. */
  interface Handover {

    /**
     * Stops handing out records of {@code partitions}, waits a bounded time for those in hand, and
     * returns the offsets after the last contiguous finished record of each, not yet committed.
     */
    Map<TopicPartition, OffsetAndMetadata> release(Collection<TopicPartition> partitions);

    /** Whether the subscription holds its partitions paused while it finishes a long batch: new ones must be paused too. */
    boolean holding();
  }

  private final Handover handover;

  HandingOverConsumer(Properties config, Handover handover) {
    super(config);
    this.handover = handover;
  }

  @Override
  public void subscribe(Collection<String> topics, ConsumerRebalanceListener ignored) {
    super.subscribe(topics, new Listener());
  }

  private final class Listener implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> finished = handover.release(partitions);
      if (finished.isEmpty()) {
        return;
      }
      try {
        commitSync(finished);
      } catch (KafkaException e) {
        LOG.warn("could not commit {} before handing the partitions over; their new owner redelivers them (the inbox drops the repeats): {}",
          finished, e.toString());
      }
    }

    /** Lost partitions already belong to another member: stop, but commit nothing. */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      handover.release(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (handover.holding()) {
        pause(partitions);
      }
    }
  }
}

package dev.orderflow.platform.messaging;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One consumer group of a module as a verticle: joins the group on deploy (refused when the topic
 * outlives the inboxes that deduplicate its events), leaves it (after the records in hand are
 * finished) on undeploy. The module declares the event types it handles, and
 * supplies what each event does and what a replay from the start must clear first.
 */
public final class ConsumerGroupVerticle extends VerticleBase {

  private final Messaging messaging;
  private final String topic;
  private final Supplier<Future<DurableSubscription>> subscribing;
  private DurableSubscription subscription;

  private ConsumerGroupVerticle(Messaging messaging, String topic, Supplier<Future<DurableSubscription>> subscribing) {
    this.messaging = messaging;
    this.topic = topic;
    this.subscribing = subscribing;
  }

  public ConsumerGroupVerticle(Messaging messaging, String topic, String group, EventTypes types, Function<Event, Future<Void>> handler,
                               Supplier<Future<Void>> beforeReplayFromStart) {
    this(messaging, topic, () -> messaging.subscribe(topic, group, types, handler, beforeReplayFromStart));
  }

  /** A group whose effects a replay from the start does not need to clear (its inbox or keys make them idempotent). */
  public ConsumerGroupVerticle(Messaging messaging, String topic, String group, EventTypes types,
                               Function<Event, Future<Void>> handler) {
    this(messaging, topic, group, types, handler, Future::succeededFuture);
  }

  /**
   * A group whose effects a replay from the start does not need to clear, handling a partition's
   * records of one poll at once ({@link Messaging#subscribe(String, String, EventTypes, Function, Function, Supplier)}).
   */
  public static ConsumerGroupVerticle takingRuns(Messaging messaging, String topic, String group, EventTypes types,
                                                 Function<Event, Future<Void>> handler, Function<List<Event>, Future<Void>> runs) {
    return new ConsumerGroupVerticle(messaging, topic, () -> messaging.subscribe(topic, group, types, handler, runs, Future::succeededFuture));
  }

  /** A group whose every handled event is an inbox effect on its module's database, applied in runs ({@link InboxEffects}). */
  public ConsumerGroupVerticle(Messaging messaging, String topic, String group, EventTypes types, InboxEffects effects,
                               Supplier<Future<Void>> beforeReplayFromStart) {
    this(messaging, topic, () -> messaging.subscribe(topic, group, types, effects, beforeReplayFromStart));
  }

  @Override
  public Future<?> start() {
    return messaging.requireInboxOutlives(topic)
      .compose(checked -> subscribing.get())
      .onSuccess(subscribed -> subscription = subscribed);
  }

  @Override
  public Future<?> stop() {
    return subscription == null ? Future.succeededFuture() : subscription.stop();
  }
}

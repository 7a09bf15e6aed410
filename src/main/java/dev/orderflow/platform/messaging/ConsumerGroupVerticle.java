package dev.orderflow.platform.messaging;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

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
  private final String group;
  private final EventTypes types;
  private final Function<Event, Future<Void>> handler;
  private final Supplier<Future<Void>> beforeReplayFromStart;
  private DurableSubscription subscription;

  public ConsumerGroupVerticle(Messaging messaging, String topic, String group, EventTypes types, Function<Event, Future<Void>> handler,
                               Supplier<Future<Void>> beforeReplayFromStart) {
    this.messaging = messaging;
    this.topic = topic;
    this.group = group;
    this.types = types;
    this.handler = handler;
    this.beforeReplayFromStart = beforeReplayFromStart;
  }

  /** A group whose effects a replay from the start does not need to clear (its inbox or keys make them idempotent). */
  public ConsumerGroupVerticle(Messaging messaging, String topic, String group, EventTypes types,
                               Function<Event, Future<Void>> handler) {
    this(messaging, topic, group, types, handler, Future::succeededFuture);
  }

  @Override
  public Future<?> start() {
    return messaging.requireInboxOutlives(topic)
      .compose(checked -> messaging.subscribe(topic, group, types, handler, beforeReplayFromStart))
      .onSuccess(subscribed -> subscription = subscribed);
  }

  @Override
  public Future<?> stop() {
    return subscription == null ? Future.succeededFuture() : subscription.stop();
  }
}

package dev.orderflow.platform.messaging;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** A group's handler behind its declared {@link EventTypes}: only handled types reach it. */
final class TypedHandler implements Function<Event, Future<Void>> {

  private static final Logger LOG = LoggerFactory.getLogger(TypedHandler.class);

  private final String group;
  private final EventTypes types;
  private final Function<Event, Future<Void>> handler;
  private final MessagingMetrics metrics;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  TypedHandler(String group, EventTypes types, Function<Event, Future<Void>> handler, MessagingMetrics metrics) {
    this.group = group;
    this.types = types;
    this.handler = handler;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> apply(Event event) {
    return switch (types.fateOf(event.type())) {
      case HANDLE -> handler.apply(event);
      case IGNORE -> Future.succeededFuture();
      case UNKNOWN -> types.unknown() == EventTypes.UnknownTypes.REFUSE ? refuse(event) : ignoreAndCount(event);
    };
  }

  private Future<Void> refuse(Event event) {
    return Future.failedFuture("group " + group + " refuses unknown event type " + event.type() + " (event " + event.id() + ")");
  }

  private Future<Void> ignoreAndCount(Event event) {
    String type = String.valueOf(event.type());
    metrics.unknownType(group, type);
    if (reported.add(type)) {
      LOG.warn("group {} ignores unknown event type {} (first seen: event {}); further ones are only counted correlationId={}",
        group, type, event.id(), event.correlationId());
    }
    return Future.succeededFuture();
  }
}

package dev.orderflow.platform.messaging;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A group's handler behind its declared {@link EventTypes}: only handled types reach it. A group
 * of {@link InboxEffects}, or one that says how to handle a run, also takes a partition's run of
 * records at once.
 */
final class TypedHandler implements Function<Event, Future<Void>> {

  private static final Logger LOG = LoggerFactory.getLogger(TypedHandler.class);

  private final String group;
  private final EventTypes types;
  private final Function<Event, Future<Void>> handler;
  private final Function<List<Event>, Future<Void>> runs;
  private final MessagingMetrics metrics;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  private TypedHandler(String group, EventTypes types, Function<Event, Future<Void>> handler, Function<List<Event>, Future<Void>> runs,
                       MessagingMetrics metrics) {
    this.group = group;
    this.types = types;
    this.handler = handler;
    this.runs = runs;
    this.metrics = metrics;
  }

  /** A handler of one record at a time. */
  static TypedHandler of(String group, EventTypes types, Function<Event, Future<Void>> handler, MessagingMetrics metrics) {
    return new TypedHandler(group, types, handler, null, metrics);
  }

  /** A handler of one record at a time, or of a run at once. */
  static TypedHandler of(String group, EventTypes types, Function<Event, Future<Void>> handler, Function<List<Event>, Future<Void>> runs,
                         MessagingMetrics metrics) {
    return new TypedHandler(group, types, handler, runs, metrics);
  }

  /** A handler of inbox effects, one record at a time or a run at once. */
  static TypedHandler of(String group, EventTypes types, InboxEffects effects, MessagingMetrics metrics) {
    return of(group, types, effects::apply, effects::applyRun, metrics);
  }

  /** Whether {@link #applyRun} may take several records at once. */
  boolean takesRuns() {
    return runs != null;
  }

  /**
   * The handled ones of {@code events} at once, in order. Fails, having applied none, when the run
   * cannot be taken whole: an event of an unknown type is left to {@link #apply} one by one, which
   * refuses or counts it.
   */
  Future<Void> applyRun(List<Event> events) {
    List<Event> handled = new ArrayList<>(events.size());
    for (Event event : events) {
      switch (types.fateOf(event.type())) {
        case HANDLE -> handled.add(event);
        case IGNORE -> { }
        case UNKNOWN -> {
          return Future.failedFuture("event " + event.id() + " of unknown type " + event.type() + " is taken alone");
        }
      }
    }
    return handled.isEmpty() ? Future.succeededFuture() : runs.apply(handled);
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

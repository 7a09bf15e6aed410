package dev.orderflow.platform.messaging;

import java.util.Set;

/**
 * The event types a consumer group declares on its topic: those it handles, those it knows and
 * does not need (acknowledged silently, since one topic carries several types), and what becomes
 * of any other type, which is one its code has never seen (a new version, a new event).
 */
public record EventTypes(Set<String> handled, Set<String> ignored, UnknownTypes unknown) {

  /** What a group does with an event type it has not declared. */
  public enum UnknownTypes {
    /** Acknowledged, logged at WARN once per type and counted in {@code orderflow_messages_unknown_type_total}. */
    IGNORE_AND_COUNT,
    /** A failure: retried, then dead-lettered, for a group that must not skip what it does not understand. */
    REFUSE,
    /** Every type is handled, as by a bridge that forwards whatever the topic carries. */
    HANDLE
  }

  enum Fate { HANDLE, IGNORE, UNKNOWN }

  public EventTypes {
    handled = Set.copyOf(handled);
    ignored = Set.copyOf(ignored);
  }

  /** A group that handles {@code types}; call {@link #ignoring} and {@link #otherwise} to complete the declaration. */
  public static EventTypes handling(String... types) {
    return new EventTypes(Set.of(types), Set.of(), UnknownTypes.IGNORE_AND_COUNT);
  }

  /** A group that handles whatever type arrives. */
  public static EventTypes all() {
    return new EventTypes(Set.of(), Set.of(), UnknownTypes.HANDLE);
  }

  public EventTypes ignoring(String... types) {
    return new EventTypes(handled, Set.of(types), unknown);
  }

  public EventTypes otherwise(UnknownTypes policy) {
    return new EventTypes(handled, ignored, policy);
  }

  Fate fateOf(String type) {
    if (unknown == UnknownTypes.HANDLE || type != null && handled.contains(type)) {
      return Fate.HANDLE;
    }
    return type != null && ignored.contains(type) ? Fate.IGNORE : Fate.UNKNOWN;
  }
}

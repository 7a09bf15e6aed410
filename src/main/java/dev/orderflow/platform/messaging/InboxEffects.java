package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a consumer group does when each event it handles is one effect on its module's database,
 * applied once under the group's inbox (counters, recorded messages). Such a group need not commit
 * record by record: the records of a partition that one poll brings apply in one transaction, in
 * order, and only if that transaction fails does each record go its own way (retries, dead letters)
 * as in any group. {@code effects} reads an event into its effect, throwing
 * {@link IllegalArgumentException} for one it cannot read (which is then retried and dead-lettered
 * alone).
 */
public final class InboxEffects {

  private final Database database;
  private final String group;
  private final Function<Event, Inbox.Effect> effects;
  private final Consumer<Event> applied;

  public InboxEffects(Database database, String group, Function<Event, Inbox.Effect> effects) {
    this(database, group, effects, event -> { });
  }

  private InboxEffects(Database database, String group, Function<Event, Inbox.Effect> effects, Consumer<Event> applied) {
    this.database = database;
    this.group = group;
    this.effects = effects;
    this.applied = applied;
  }

  /**
   * The same effects, with {@code listener} told of each event whose effect was applied, once its
   * transaction committed (not of one the group had applied before), on the consumer's context.
   */
  public InboxEffects whenApplied(Consumer<Event> listener) {
    return new InboxEffects(database, group, effects, listener);
  }

  /** One event on its own. */
  Future<Void> apply(Event event) {
    return applyRun(List.of(event));
  }

  /** The events in one transaction, in order; fails as a whole, having applied none, when any of them cannot be read or applied. */
  Future<Void> applyRun(List<Event> events) {
    List<Inbox.Effect> read = new ArrayList<>(events.size());
    try {
      events.forEach(event -> read.add(effects.apply(event)));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e.getMessage());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return database.write(tx -> {
      List<Event> appliedNow = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        if (Inbox.applyOnce(tx, group, events.get(i), read.get(i))) {
          appliedNow.add(events.get(i));
        }
      }
      return appliedNow;
    }).onSuccess(appliedNow -> appliedNow.forEach(applied)).mapEmpty();
  }
}

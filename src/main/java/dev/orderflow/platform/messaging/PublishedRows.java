package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import io.vertx.core.Future;

import java.util.List;
import java.util.Map;

/**
 * Which outbox rows are on Kafka, kept as the database allows. SQLite commits seqs in order (one
 * writer), so one number says it: {@link PublishedWatermark}. PostgreSQL commits them out of order
 * (a transaction may take a seq before another and commit after it), so each row is marked:
 * {@link PublishedMarks}.
 */
abstract sealed class PublishedRows permits PublishedWatermark, PublishedMarks {

  protected final Database database;
  private final MessagingOptions options;
  /** Selects {@code #{limit}} rows above {@code #{after}} not yet on Kafka, in seq order, with the columns {@link OutboxRecord} reads. */
  private final String unpublished;
  /** Counts the rows not yet on Kafka as {@code backlog}. */
  private final String backlog;

  protected PublishedRows(Database database, MessagingOptions options, String unpublished, String backlog) {
    this.database = database;
    this.options = options;
    this.unpublished = unpublished;
    this.backlog = backlog;
  }

  static PublishedRows of(Database database, MessagingOptions options) {
    return database.embedded() ? new PublishedWatermark(database, options) : new PublishedMarks(database, options);
  }

  /** The seq a pass reads after: every row at or below it is on Kafka. */
  abstract Future<Long> resumeAfter();

  /** Records that {@code batch}, acknowledged by Kafka with every batch sent before it, is on Kafka; answers its size. */
  abstract Future<Integer> markPublished(List<OutboxRecord> batch);

  /** Up to {@code limit} rows with a seq above {@code after} not yet on Kafka, in seq order. */
  final Future<List<OutboxRecord>> unpublished(long after, int limit) {
    return database.read(reads -> reads.query(unpublished, Map.of("after", after, "limit", limit), row -> OutboxRecord.read(row, options)));
  }

  final Future<Long> backlog() {
    return database.read(reads -> reads.query(backlog).get(0).getLong("backlog"));
  }
}

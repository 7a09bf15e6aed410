package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's published rows: each marked with the time it was sent. A transaction may take its seq
 * before another and commit after it (on another instance writing the same outbox), so a row below
 * the highest seq sent may still be on its way, and no single number can say what is on Kafka.
 */
final class PublishedMarks extends PublishedRows {

  private static final String MARK_PUBLISHED = """
    UPDATE outbox SET published_at = #{now} WHERE seq BETWEEN #{first} AND #{last} AND published_at IS NULL""";

  PublishedMarks(Database database, MessagingOptions options) {
    super(database, options, """
        SELECT seq, topic, event_key, attributes, payload FROM outbox
        WHERE published_at IS NULL AND seq > #{after} ORDER BY seq LIMIT #{limit}""",
      "SELECT COUNT(*) AS backlog FROM outbox WHERE published_at IS NULL");
  }

  /** Seqs start at 1: each pass reads the whole outbox for rows not yet marked, those that committed late included. */
  @Override
  Future<Long> resumeAfter() {
    return Future.succeededFuture(0L);
  }

  /**
   * Marks exactly the rows sent, run by run of consecutive seqs: a row whose seq lies in a gap of the
   * batch was not visible to the SELECT (its transaction took the seq earlier and committed later)
   * and must stay unpublished for the next pass.
   */
  @Override
  Future<Integer> markPublished(List<OutboxRecord> batch) {
    List<long[]> runs = new ArrayList<>();
    for (OutboxRecord row : batch) {
      long seq = row.seq();
      if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == seq - 1) {
        runs.get(runs.size() - 1)[1] = seq;
      } else {
        runs.add(new long[] {seq, seq});
      }
    }
    long now = System.currentTimeMillis();
    return database.write(tx -> {
      for (long[] run : runs) {
        tx.update(MARK_PUBLISHED, Map.of("now", now, "first", run[0], "last", run[1]));
      }
      return batch.size();
    });
  }
}

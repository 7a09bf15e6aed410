package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import io.vertx.core.Future;

import java.util.List;
import java.util.Map;

/**
 * SQLite's published rows: every seq up to the watermark. The relay sends rows in seq order and a
 * later seq never commits before an earlier one, so the last seq of a batch marks the whole batch.
 * Marking each row rewrote it and moved two index entries, a quarter of the relay's CPU. Only this
 * relay moves the watermark: it is read once, then followed in memory.
 */
final class PublishedWatermark extends PublishedRows {

  private static final String WATERMARK = "SELECT published_through FROM outbox_watermark";
  private static final String MARK_PUBLISHED = """
    UPDATE outbox_watermark SET published_through = #{last} WHERE published_through < #{last}""";

  private long publishedThrough = -1;

  PublishedWatermark(Database database, MessagingOptions options) {
    super(database, options,
      "SELECT seq, topic, event_key, attributes, payload FROM outbox WHERE seq > #{after} ORDER BY seq LIMIT #{limit}",
      "SELECT COUNT(*) AS backlog FROM outbox WHERE seq > (SELECT published_through FROM outbox_watermark)");
  }

  @Override
  Future<Long> resumeAfter() {
    if (publishedThrough >= 0) {
      return Future.succeededFuture(publishedThrough);
    }
    return database.read(reads -> reads.query(WATERMARK).get(0).getLong("published_through"))
      .onSuccess(read -> publishedThrough = Math.max(publishedThrough, read));
  }

  @Override
  Future<Integer> markPublished(List<OutboxRecord> batch) {
    long last = batch.get(batch.size() - 1).seq();
    return database.write(tx -> tx.update(MARK_PUBLISHED, Map.of("last", last)))
      .map(marked -> {
        publishedThrough = Math.max(publishedThrough, last);
        return batch.size();
      });
  }
}

package dev.orderflow.platform.sql;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Deletes the rows of one database that outlived their retention, on a timer. Each statement
 * deletes at most {@link #BATCH} rows and runs as one write of the group-commit writer, so other
 * writes never wait behind a long delete: they share the next transaction. The platform prunes its
 * outbox and inbox; modules register statements for the tables they own.
 */
public final class Retention {

  /** What a row is kept for, which decides how long it is kept. */
  public enum Kept {
    /** Outbox rows already on Kafka: kept for inspection only. */
    PUBLISHED_EVENTS,
    /** Inbox rows: kept while Kafka may still deliver (or replay) the event; forever when its retention is 0. */
    APPLIED_EVENTS,
    /** Stored answers to idempotency keys: a retry within the window gets the same answer. */
    IDEMPOTENCY_KEYS
  }

  /** The settings: {@code db.retention} of the configuration; a retention of 0 keeps the rows forever. */
  public record Options(long publishedEventsMs, long appliedEventsMs, long idempotencyKeysMs, long intervalMs) {

    private static final long HOUR_MS = 3_600_000L;

    static Options from(JsonObject retention) {
      return new Options(retention.getInteger("outbox-hours") * HOUR_MS, retention.getInteger("inbox-hours") * HOUR_MS,
        retention.getInteger("idempotency-hours") * HOUR_MS, retention.getInteger("interval-ms"));
    }

    public long retentionMs(Kept kept) {
      return switch (kept) {
        case PUBLISHED_EVENTS -> publishedEventsMs;
        case APPLIED_EVENTS -> appliedEventsMs;
        case IDEMPOTENCY_KEYS -> idempotencyKeysMs;
      };
    }
  }

  public static final String INBOX_SETTING = "ORDERFLOW_RETENTION_INBOX_HOURS";
  static final int BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  private static final String PUBLISHED_OUTBOX = """
    DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE published_at < #{before} LIMIT #{limit})""";
  /**
   * SQLite's outbox keeps no time of publishing, only the highest seq published (its relay's watermark):
   * of the oldest published rows, those created before the cutoff. Seqs follow the order of creation in
   * SQLite, so once one of them is too young the rest are too, and each run reads at most a batch.
   */
  private static final String PUBLISHED_OUTBOX_BELOW_WATERMARK = """
    DELETE FROM outbox WHERE created_at < #{before} AND seq IN
      (SELECT seq FROM outbox WHERE seq <= (SELECT published_through FROM outbox_watermark) ORDER BY seq LIMIT #{limit})""";
  private static final String APPLIED_INBOX = """
    DELETE FROM inbox WHERE (consumer_group, event_id) IN
      (SELECT consumer_group, event_id FROM inbox WHERE processed_at < #{before} LIMIT #{limit})""";

  private final Vertx vertx;
  private final String module;
  private final GroupCommitWriter writer;
  private final Options options;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private long timer;
  private boolean running;

  private record Rule(Kept kept, String table, String statement) {
  }

  Retention(Vertx vertx, String module, GroupCommitWriter writer, Options options, DatabaseUrl.Vendor vendor) {
    this.vertx = vertx;
    this.module = module;
    this.writer = writer;
    this.options = options;
    prune(Kept.PUBLISHED_EVENTS, "outbox", vendor == DatabaseUrl.Vendor.SQLITE ? PUBLISHED_OUTBOX_BELOW_WATERMARK : PUBLISHED_OUTBOX);
    prune(Kept.APPLIED_EVENTS, "inbox", APPLIED_INBOX);
  }

  /**
   * Registers {@code deleteStatement}, which deletes rows of {@code table} older than
   * {@code #{before}} (UTC epoch ms), at most {@code #{limit}} of them, for example
   * {@code DELETE FROM t WHERE id IN (SELECT id FROM t WHERE created_at < #{before} LIMIT #{limit})}.
   */
  public void prune(Kept kept, String table, String deleteStatement) {
    rules.add(new Rule(kept, table, deleteStatement));
  }

  void start() {
    timer = vertx.setPeriodic(options.intervalMs(), tick -> {
      if (!running) {
        running = true;
        runOnce().onComplete(done -> running = false);
      }
    });
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /** Runs every rule until nothing is left to delete; completes with the rows deleted. */
  Future<Long> runOnce() {
    long now = System.currentTimeMillis();
    Future<Long> deleted = Future.succeededFuture(0L);
    for (Rule rule : rules.stream().filter(rule -> options.retentionMs(rule.kept()) > 0).toList()) {
      deleted = deleted.compose(sum -> prune(rule, now - options.retentionMs(rule.kept()), 0)
        .onSuccess(rows -> {
          if (rows > 0) {
            LOG.info("retention deleted {} rows of {}.{} older than {} h", rows, module, rule.table(),
              options.retentionMs(rule.kept()) / 3_600_000L);
          }
        })
        .otherwise(failure -> {
          LOG.warn("retention of {}.{} failed, retried at the next run: {}", module, rule.table(), failure.getMessage());
          return 0L;
        })
        .map(rows -> sum + rows));
    }
    return deleted;
  }

  private Future<Long> prune(Rule rule, long before, long deletedSoFar) {
    return writer.write(tx -> tx.update(rule.statement(), Map.of("before", before, "limit", BATCH)))
      .compose(deleted -> deleted < BATCH
        ? Future.succeededFuture(deletedSoFar + deleted)
        : prune(rule, before, deletedSoFar + deleted));
  }
}

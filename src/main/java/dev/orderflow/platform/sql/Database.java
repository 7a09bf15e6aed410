package dev.orderflow.platform.sql;

import dev.orderflow.platform.core.Wiring;
import io.vertx.core.Future;

import java.util.function.Function;

/**
 * A module's own database: a few reader threads (each with one read-only JDBC connection) for
 * reads and the group-commit writer (a thread with one JDBC connection) for every write. The
 * same code runs on SQLite and PostgreSQL; {@link #vendor()} names the one in use.
 */
public final class Database {

  private final String vendor;
  private final Readers readers;
  private final GroupCommitWriter writer;
  private final Retention retention;
  private final Function<String, Lease> leases;
  private final Runnable onClose;

  Database(String vendor, Readers readers, GroupCommitWriter writer, Retention retention, Function<String, Lease> leases, Runnable onClose) {
    this.vendor = vendor;
    this.readers = readers;
    this.writer = writer;
    this.retention = retention;
    this.leases = leases;
    this.onClose = onClose;
  }

  /** The lease of {@code role} among the instances sharing this database (see {@link Lease}). */
  public Lease lease(String role) {
    return leases.apply(role);
  }

  public String vendor() {
    return vendor;
  }

  /** Whether the database is embedded (SQLite): its file belongs to this one process, so no other instance shares it. */
  public boolean embedded() {
    return DatabaseUrl.Vendor.SQLITE.folder().equals(vendor);
  }

  /**
   * Runs {@code work} on the next free reader thread; completes on the caller's context. A failure
   * comes back as the business reads it ({@link SqlErrors#meaning}: unstorable text refused, a
   * database taking no writes unavailable).
   */
  public <T> Future<T> read(ReadWork<T> work) {
    return withMeaning(readers.read(work));
  }

  /**
   * Runs {@code work} on the writer's thread in its next group transaction; completes on the
   * caller's context once that transaction is durable. A failure comes back as the business reads
   * it, as for {@link #read}.
   */
  public <T> Future<T> write(WriteWork<T> work) {
    return withMeaning(writer.write(work));
  }

  /**
   * Runs {@code listener} after each committed write transaction, on the context that registered
   * it (the outbox relay wakes up on it).
   */
  @Wiring
  public void onCommit(Runnable listener) {
    writer.onCommit(listener);
  }

  /** Where the module registers the pruning of the tables it owns. */
  public Retention retention() {
    return retention;
  }

  public long committedBatches() {
    return writer.committedBatches();
  }

  public long committedWrites() {
    return writer.committedWrites();
  }

  private static <T> Future<T> withMeaning(Future<T> outcome) {
    return outcome.recover(failure -> Future.failedFuture(SqlErrors.meaning(failure)));
  }

  public Future<Void> close() {
    retention.stop();
    onClose.run();
    return Future.join(readers.close(), writer.close()).mapEmpty();
  }
}

package dev.orderflow.platform.sql;

import java.sql.SQLException;

/**
 * One write: the statements of one business change, run on the database's writer thread inside
 * the writer's group transaction. It may block (it runs on no event loop) and must not touch
 * state of a verticle: it gets its inputs captured and answers its result, which the caller's
 * future receives on the caller's context once the transaction committed. Throwing (a
 * {@link SQLException}, a {@code Refusal}) undoes this write only. It may run twice, the first run
 * rolled back (when another write of its batch failed): no effects outside the transaction.
 */
@FunctionalInterface
public interface WriteWork<T> {

  T run(Transaction tx) throws SQLException;
}

package dev.orderflow.platform.sql;

import java.sql.SQLException;

/**
 * One read: the queries of one lookup, run on one of the database's reader threads on that
 * reader's read-only connection. It may block (it runs on no event loop) and must not touch state
 * of a verticle: it gets its inputs captured and answers its result, which the caller's future
 * receives on the caller's context. Each query sees the data committed when it starts.
 */
@FunctionalInterface
public interface ReadWork<T> {

  T run(Queries reads) throws SQLException;
}

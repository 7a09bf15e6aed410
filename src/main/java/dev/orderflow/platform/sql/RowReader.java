package dev.orderflow.platform.sql;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the current row of a result set into a value of the caller's type, on the thread that runs
 * the query: for a hot path that would otherwise build a JSON object per row only to take it apart
 * again (the outbox relay reads every row it publishes).
 */
@FunctionalInterface
public interface RowReader<T> {

  T read(ResultSet row) throws SQLException;
}

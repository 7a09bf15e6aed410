package dev.orderflow.platform.sql;

import io.vertx.core.json.JsonObject;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queries on a database connection, in the {@code #{name}} parameter syntax, rows answered as JSON
 * objects keyed by column label (see {@link Rows} for the value types). A write's
 * {@link Transaction} and a read's connection both answer them, so a module reads a row the same
 * way on either path.
 */
public interface Queries {

  /** Every row of a query, in its order. */
  List<JsonObject> query(String sql, Map<String, ?> parameters) throws SQLException;

  /** Every row of a query, in its order, each read by {@code reader}. */
  <T> List<T> query(String sql, Map<String, ?> parameters, RowReader<T> reader) throws SQLException;

  default List<JsonObject> query(String sql) throws SQLException {
    return query(sql, Map.of());
  }

  /** The first row of a query, if it has any. */
  default Optional<JsonObject> queryFirst(String sql, Map<String, ?> parameters) throws SQLException {
    return query(sql, parameters).stream().findFirst();
  }
}

package dev.orderflow.platform.sql;

import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A JDBC connection with its cache of prepared statements, answering {@link Queries}: a reader's
 * read-only connection as it is, the writer's as its {@link Transaction}. Used by one thread only.
 */
class QueryConnection implements Queries {

  final Connection connection;
  final StatementCache statements;

  QueryConnection(Connection connection) {
    this.connection = connection;
    this.statements = new StatementCache(connection);
  }

  @Override
  public List<JsonObject> query(String sql, Map<String, ?> parameters) throws SQLException {
    return statements.run(sql, parameters, Rows::of);
  }

  @Override
  public <T> List<T> query(String sql, Map<String, ?> parameters, RowReader<T> reader) throws SQLException {
    return statements.run(sql, parameters, statement -> Rows.of(statement, reader));
  }

  boolean isClosed() throws SQLException {
    return connection.isClosed();
  }

  void close() throws SQLException {
    statements.close();
    connection.close();
  }
}

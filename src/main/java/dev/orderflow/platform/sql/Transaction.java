package dev.orderflow.platform.sql;

import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writer's connection as a {@link WriteWork} sees it: statements in the same {@code #{name}}
 * parameter syntax as the read side's {@code SqlTemplate}, prepared once per connection and reused,
 * rows answered as JSON objects keyed by column label. Plain JDBC, on the writer thread only.
 */
public final class Transaction {

  private static final String SAVEPOINT = "SAVEPOINT group_commit_write";
  private static final String RELEASE = "RELEASE SAVEPOINT group_commit_write";
  private static final String ROLLBACK_TO = "ROLLBACK TO SAVEPOINT group_commit_write";

  private final Connection connection;
  private final StatementCache statements;

  Transaction(Connection connection) {
    this.connection = connection;
    this.statements = new StatementCache(connection);
  }

  /** Runs an insert, update or delete; answers the rows it changed. */
  public int update(String sql, Map<String, ?> parameters) throws SQLException {
    return statements.run(sql, parameters, PreparedStatement::executeUpdate);
  }

  public int update(String sql) throws SQLException {
    return update(sql, Map.of());
  }

  /** Every row of a query, in its order. */
  public List<JsonObject> query(String sql, Map<String, ?> parameters) throws SQLException {
    return statements.run(sql, parameters, Transaction::rows);
  }

  private static List<JsonObject> rows(PreparedStatement statement) throws SQLException {
    try (ResultSet results = statement.executeQuery()) {
      ResultSetMetaData columns = results.getMetaData();
      List<JsonObject> rows = new ArrayList<>();
      while (results.next()) {
        JsonObject row = new JsonObject();
        for (int column = 1; column <= columns.getColumnCount(); column++) {
          row.put(columns.getColumnLabel(column), results.getObject(column));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The first row of a query, if it has any. */
  public Optional<JsonObject> queryFirst(String sql, Map<String, ?> parameters) throws SQLException {
    return query(sql, parameters).stream().findFirst();
  }

  /**
   * One savepoint at a time, under one name, through cached statements, rather than JDBC's
   * {@code setSavepoint()}: both drivers build, name and parse a new statement for each of those.
   */
  void savepoint() throws SQLException {
    update(SAVEPOINT);
  }

  void releaseSavepoint() throws SQLException {
    update(RELEASE);
  }

  void rollbackToSavepoint() throws SQLException {
    update(ROLLBACK_TO);
    update(RELEASE);
  }

  void commit() throws SQLException {
    connection.commit();
  }

  void rollback() throws SQLException {
    connection.rollback();
  }

  boolean isClosed() throws SQLException {
    return connection.isClosed();
  }

  void close() throws SQLException {
    statements.close();
    connection.close();
  }
}

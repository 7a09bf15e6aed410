package dev.orderflow.platform.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * The writer's connection as a {@link WriteWork} sees it: updates and {@link Queries}, statements
 * in the {@code #{name}} parameter syntax prepared once per connection and reused. Plain JDBC, on
 * the writer thread only.
 */
public final class Transaction extends QueryConnection {

  private static final String SAVEPOINT = "SAVEPOINT group_commit_write";
  private static final String RELEASE = "RELEASE SAVEPOINT group_commit_write";
  private static final String ROLLBACK_TO = "ROLLBACK TO SAVEPOINT group_commit_write";

  Transaction(Connection connection) {
    super(connection);
  }

  /** Runs an insert, update or delete; answers the rows it changed. */
  public int update(String sql, Map<String, ?> parameters) throws SQLException {
    return statements.run(sql, parameters, PreparedStatement::executeUpdate);
  }

  public int update(String sql) throws SQLException {
    return update(sql, Map.of());
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
}

package dev.orderflow.platform.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prepared statements of one connection, by SQL text: {@code #{name}} parameters become JDBC's
 * {@code ?} once, when a text is first seen. Bounded (least recently used goes) because a module
 * may build SQL text at run time (a list's filters, an {@code IN} list of as many ids as asked).
 */
final class StatementCache {

  private static final int MAX_STATEMENTS = 256;
  private static final Pattern PARAMETER = Pattern.compile("#\\{(\\w+)}");

  private record Prepared(PreparedStatement statement, List<String> parameters) {
  }

  private final Connection connection;
  private final Map<String, Prepared> cache = new LinkedHashMap<>(64, 0.75f, true);

  StatementCache(Connection connection) {
    this.connection = connection;
  }

  /** What to do with a bound statement. */
  @FunctionalInterface
  interface Execution<T> {
    T on(PreparedStatement statement) throws SQLException;
  }

  /**
   * Runs {@code execution} on the statement of {@code sql} with {@code values} bound by name (a
   * name without a value binds NULL). A statement that failed is dropped, to be prepared afresh
   * next time: sqlite-jdbc leaves one that met a schema error ("no such table") unusable for good
   * ("statement is not executing"), even once the table is back.
   */
  <T> T run(String sql, Map<String, ?> values, Execution<T> execution) throws SQLException {
    Prepared prepared = cache.get(sql);
    if (prepared == null) {
      prepared = prepare(sql);
      cache.put(sql, prepared);
      evictBeyondLimit();
    }
    try {
      for (int index = 0; index < prepared.parameters().size(); index++) {
        prepared.statement().setObject(index + 1, values.get(prepared.parameters().get(index)));
      }
      return execution.on(prepared.statement());
    } catch (SQLException e) {
      cache.remove(sql);
      closeQuietly(prepared.statement(), e);
      throw e;
    }
  }

  private static void closeQuietly(PreparedStatement statement, SQLException failure) {
    try {
      statement.close();
    } catch (SQLException closing) {
      failure.addSuppressed(closing);
    }
  }

  void close() throws SQLException {
    for (Prepared prepared : cache.values()) {
      prepared.statement().close();
    }
    cache.clear();
  }

  private Prepared prepare(String sql) throws SQLException {
    List<String> parameters = new ArrayList<>();
    Matcher matcher = PARAMETER.matcher(sql);
    StringBuilder jdbc = new StringBuilder();
    while (matcher.find()) {
      parameters.add(matcher.group(1));
      matcher.appendReplacement(jdbc, "?");
    }
    matcher.appendTail(jdbc);
    return new Prepared(connection.prepareStatement(jdbc.toString()), List.copyOf(parameters));
  }

  private void evictBeyondLimit() throws SQLException {
    if (cache.size() > MAX_STATEMENTS) {
      var eldest = cache.entrySet().iterator();
      eldest.next().getValue().statement().close();
      eldest.remove();
    }
  }
}

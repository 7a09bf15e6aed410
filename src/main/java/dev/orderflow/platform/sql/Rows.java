package dev.orderflow.platform.sql;

import io.vertx.core.json.JsonObject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's rows as JSON objects keyed by column label, for the write and the read path alike.
 * Values keep the driver's JSON-compatible types (text, numbers: SQLite answers an INTEGER column
 * as Integer or Long by size, PostgreSQL a SUM of BIGINT as BigDecimal, so read them through
 * {@code getLong}/{@code getInteger}; booleans, bytes); a timestamp becomes an {@code Instant},
 * anything else (PostgreSQL json, uuid, dates) its text.
 */
final class Rows {

  private Rows() {
  }

  static List<JsonObject> of(PreparedStatement statement) throws SQLException {
    try (ResultSet results = statement.executeQuery()) {
      ResultSetMetaData columns = results.getMetaData();
      // once per query: SQLite's driver fetches a label through JNI, a third of reading the outbox when done per cell
      String[] labels = new String[columns.getColumnCount()];
      for (int column = 1; column <= labels.length; column++) {
        labels[column - 1] = columns.getColumnLabel(column);
      }
      List<JsonObject> rows = new ArrayList<>();
      while (results.next()) {
        JsonObject row = new JsonObject();
        for (int column = 1; column <= labels.length; column++) {
          row.put(labels[column - 1], value(results.getObject(column)));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** A query's rows each read by {@code reader}, with no JSON object in between. */
  static <T> List<T> of(PreparedStatement statement, RowReader<T> reader) throws SQLException {
    try (ResultSet results = statement.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (results.next()) {
        rows.add(reader.read(results));
      }
      return rows;
    }
  }

  private static Object value(Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof byte[]) {
      return value;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    return value.toString();
  }
}

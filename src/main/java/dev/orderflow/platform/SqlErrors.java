package dev.orderflow.platform;

import io.vertx.pgclient.PgException;

import java.sql.SQLException;

/** Recognises database errors that mean something to the business, the same way on every database. */
public final class SqlErrors {

  private static final String PG_UNIQUE_VIOLATION = "23505";
  private static final int SQLITE_CONSTRAINT = 19;

  private SqlErrors() {
  }

  public static boolean isUniqueViolation(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PgException pg && PG_UNIQUE_VIOLATION.equals(pg.getSqlState())) {
        return true;
      }
      if (cause instanceof SQLException sql && (PG_UNIQUE_VIOLATION.equals(sql.getSQLState())
        || sql.getErrorCode() == SQLITE_CONSTRAINT && String.valueOf(sql.getMessage()).contains("UNIQUE"))) {
        return true;
      }
    }
    return false;
  }
}

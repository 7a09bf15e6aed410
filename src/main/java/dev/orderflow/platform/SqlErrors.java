package dev.orderflow.platform;

import io.vertx.pgclient.PgException;

import java.sql.SQLException;

/** Recognises database errors that mean something to the business, the same way on every database. */
public final class SqlErrors {

  private static final String PG_UNIQUE_VIOLATION = "23505";
  private static final String PG_CHARACTER_NOT_IN_REPERTOIRE = "22021";
  private static final String PG_UNTRANSLATABLE_CHARACTER = "22P05";
  private static final int SQLITE_CONSTRAINT = 19;

  private SqlErrors() {
  }

  /** The input held text the database cannot store (PostgreSQL refuses U+0000): bad input, not a fault. */
  public static boolean isUnstorableText(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String state = cause instanceof PgException pg ? pg.getSqlState() : cause instanceof SQLException sql ? sql.getSQLState() : null;
      if (PG_CHARACTER_NOT_IN_REPERTOIRE.equals(state) || PG_UNTRANSLATABLE_CHARACTER.equals(state)) {
        return true;
      }
    }
    return false;
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

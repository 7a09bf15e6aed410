package dev.orderflow.platform;

import io.vertx.pgclient.PgException;

import java.sql.SQLException;
import java.util.function.Predicate;

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
    return anyCause(failure, cause -> PG_CHARACTER_NOT_IN_REPERTOIRE.equals(sqlState(cause))
      || PG_UNTRANSLATABLE_CHARACTER.equals(sqlState(cause)));
  }

  public static boolean isUniqueViolation(Throwable failure) {
    return anyCause(failure, cause -> PG_UNIQUE_VIOLATION.equals(sqlState(cause))
      || cause instanceof SQLException sql && sql.getErrorCode() == SQLITE_CONSTRAINT && String.valueOf(sql.getMessage()).contains("UNIQUE"));
  }

  private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (test.test(cause)) {
        return true;
      }
    }
    return false;
  }

  /** The SQLSTATE of a reactive PostgreSQL or a JDBC error; null for anything else. */
  private static String sqlState(Throwable cause) {
    return cause instanceof PgException pg ? pg.getSqlState() : cause instanceof SQLException sql ? sql.getSQLState() : null;
  }
}

package dev.orderflow.platform.sql;

import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.core.Unavailable;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Recognises database errors that mean something to the business, the same way on every database
 * and driver: pgjdbc's and sqlite-jdbc's {@link SQLException}s, on the write and the read path.
 */
public final class SqlErrors {

  private static final String PG_UNIQUE_VIOLATION = "23505";
  private static final String PG_CHARACTER_NOT_IN_REPERTOIRE = "22021";
  private static final String PG_UNTRANSLATABLE_CHARACTER = "22P05";
  private static final int SQLITE_CONSTRAINT = 19;
  private static final String DISK_FULL = "the database's disk is full";
  private static final String READ_ONLY = "the database is read-only";
  private static final String IO_ERROR = "the database cannot read or write its files";
  private static final String LOCKED = "the database is locked by another connection";
  static final String UNSTORABLE_TEXT = "a text value holds a character that cannot be stored, such as U+0000";
  /** SQLite primary result codes (the low byte of sqlite-jdbc's error code) that mean no write can succeed for now. */
  private static final Map<Integer, String> SQLITE_UNWRITABLE = Map.of(
    13, DISK_FULL, 8, READ_ONLY, 10, IO_ERROR, 14, IO_ERROR, 5, LOCKED, 6, LOCKED);
  /** PostgreSQL SQLSTATEs that mean the same. */
  private static final Map<String, String> PG_UNWRITABLE = Map.of(
    "53100", DISK_FULL, "25006", READ_ONLY, "58030", IO_ERROR);

  private SqlErrors() {
  }

  /** The input held text the database cannot store (PostgreSQL refuses U+0000): bad input, not a fault. */
  public static boolean isUnstorableText(Throwable failure) {
    return anyCause(failure, cause -> PG_CHARACTER_NOT_IN_REPERTOIRE.equals(sqlState(cause))
      || PG_UNTRANSLATABLE_CHARACTER.equals(sqlState(cause)));
  }

  /**
   * {@code failure} as the business reads it, so that no edge has to read SQL errors: text the
   * database cannot store becomes a {@link Refusal} (400), a database that takes no writes an
   * {@link Unavailable} (503) keeping the SQL error as its cause; anything else is returned as it is.
   */
  public static Throwable meaning(Throwable failure) {
    if (isUnstorableText(failure)) {
      return new Refusal(400, UNSTORABLE_TEXT);
    }
    return unwritable(failure).<Throwable>map(reason -> new Unavailable(reason, failure)).orElse(failure);
  }

  public static boolean isUniqueViolation(Throwable failure) {
    return anyCause(failure, cause -> PG_UNIQUE_VIOLATION.equals(sqlState(cause))
      || cause instanceof SQLException sql && sql.getErrorCode() == SQLITE_CONSTRAINT && String.valueOf(sql.getMessage()).contains("UNIQUE"));
  }

  /**
   * Why the database cannot take writes at all right now (disk full, read-only, I/O error, locked),
   * when that is what {@code failure} says: the service is unavailable, the request is not at fault.
   */
  public static Optional<String> unwritable(Throwable failure) {
    return firstCause(failure, cause -> {
      if (cause instanceof SQLException sql && sql.getSQLState() == null) {
        return Optional.ofNullable(SQLITE_UNWRITABLE.get(sql.getErrorCode() & 0xff));
      }
      String sqlState = sqlState(cause);
      return Optional.ofNullable(sqlState == null ? null : PG_UNWRITABLE.get(sqlState));
    });
  }

  private static <T> Optional<T> firstCause(Throwable failure, Function<Throwable, Optional<T>> reader) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      Optional<T> found = reader.apply(cause);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (test.test(cause)) {
        return true;
      }
    }
    return false;
  }

  /** The SQLSTATE of a JDBC error (pgjdbc sets it, sqlite-jdbc leaves it null and sets the result code); null for anything else. */
  private static String sqlState(Throwable cause) {
    return cause instanceof SQLException sql ? sql.getSQLState() : null;
  }
}

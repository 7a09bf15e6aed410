package dev.orderflow.platform.sql;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/** Closing a JDBC resource that is being given up anyway: a failure to close is worth a debug line, no more. */
final class Quietly {

  private static final Logger LOG = LoggerFactory.getLogger(Quietly.class);

  /** A JDBC close. */
  @FunctionalInterface
  interface Close {
    void close() throws SQLException;
  }

  private Quietly() {
  }

  /** Runs {@code close}; a failure is logged at debug level with {@code what} was being closed. */
  static void close(Close close, String what) {
    try {
      close.close();
    } catch (SQLException e) {
      LOG.debug("closing {}: {}", what, e.getMessage());
    }
  }
}

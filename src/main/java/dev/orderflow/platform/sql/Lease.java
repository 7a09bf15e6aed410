package dev.orderflow.platform.sql;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * A role that one instance at a time holds among those sharing a PostgreSQL database, such as
 * relaying a module's outbox: a session advisory lock, named after the role and the module's schema,
 * on a connection of its own. When the holder dies its connection closes and PostgreSQL releases the
 * lock, so another instance takes the role at its next {@link #held()}. An embedded SQLite file
 * belongs to one process, whose lease is always held.
 */
public final class Lease {

  private static final Logger LOG = LoggerFactory.getLogger(Lease.class);
  private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext(current_schema() || ':' || ?))";
  private static final int VALIDATION_TIMEOUT_S = 2;
  private static final long RECHECK_MS = 1000;

  private final Vertx vertx;
  private final String role;
  private final Callable<Connection> connect;
  private Connection connection;
  /** Written under the lock by {@link #check}, read without it by {@link #held}. */
  private volatile boolean held;
  private volatile long checkedAt;

  private Lease(Vertx vertx, String role, Callable<Connection> connect) {
    this.vertx = vertx;
    this.role = role;
    this.connect = connect;
  }

  static Lease always(Vertx vertx, String role) {
    return new Lease(vertx, role, null);
  }

  static Lease advisoryLock(Vertx vertx, String role, Callable<Connection> connect) {
    return new Lease(vertx, role, connect);
  }

  /**
   * Whether this instance holds the role now, taking it if it is free. Checked within the last
   * {@link #RECHECK_MS}: answered at once, without a hop to a worker thread (the relay asks before
   * every batch).
   */
  public Future<Boolean> held() {
    if (connect == null) {
      return Future.succeededFuture(true);
    }
    if (System.currentTimeMillis() - checkedAt < RECHECK_MS) {
      return Future.succeededFuture(held);
    }
    return vertx.executeBlocking(this::check, false);
  }

  /** Gives the role up (its connection closes, the lock goes with it). */
  public Future<Void> release() {
    if (connect == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        close();
      }
      return null;
    }, false);
  }

  /** At most once a {@link #RECHECK_MS}: a holder checks that its connection (hence its lock) is still there, a waiter tries to lock. */
  private synchronized boolean check() {
    long now = System.currentTimeMillis();
    if (now - checkedAt < RECHECK_MS) {
      return held;
    }
    checkedAt = now;
    try {
      if (connection == null || !connection.isValid(VALIDATION_TIMEOUT_S)) {
        if (held) {
          LOG.warn("lost the lease {}: its connection is gone", role);
        }
        close();
        connection = connect.call();
      }
      if (!held) {
        held = tryLock();
        if (held) {
          LOG.info("took the lease {}", role);
        }
      }
      return held;
    } catch (Exception e) {
      LOG.debug("lease {} not held: {}", role, e.getMessage());
      close();
      return false;
    }
  }

  private boolean tryLock() throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(TRY_LOCK)) {
      lock.setString(1, role);
      try (ResultSet result = lock.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private void close() {
    held = false;
    if (connection != null) {
      Quietly.close(connection::close, "the connection of lease " + role);
      connection = null;
    }
  }
}

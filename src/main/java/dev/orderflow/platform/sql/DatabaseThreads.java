package dev.orderflow.platform.sql;

/** What the writer and the readers of a database have in common as threads of their own. */
final class DatabaseThreads {

  private DatabaseThreads() {
  }

  /** Daemons, so that a database left open keeps no JVM alive. */
  static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  /** The failure of work handed to a database after it closed. */
  static IllegalStateException closed(String database) {
    return new IllegalStateException("the database " + database + " is closed");
  }
}

package dev.orderflow.platform.core;

/**
 * A request a module cannot serve for now through no fault of the request (its database takes no
 * writes: disk full, read-only, locked): answered 503 with the reason, and worth a warning.
 */
public final class Unavailable extends RuntimeException {

  public Unavailable(String reason, Throwable cause) {
    super(reason, cause);
  }
}

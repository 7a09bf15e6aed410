package dev.orderflow.platform.core;

/**
 * A startup failure the operator can fix: its message is one line that names the setting at fault,
 * printed instead of a stack trace.
 */
public final class StartupException extends RuntimeException {

  public StartupException(String message) {
    super(message == null ? "unknown failure" : message.replaceAll("\\s*\\R\\s*", " "), null, false, false);
  }

  public static StartupException of(String setting, String problem) {
    return new StartupException(setting + ": " + problem);
  }

  /** The innermost cause's message: what went wrong, without the layers that passed it on. */
  public static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}

package dev.orderflow.platform;

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
}

package dev.orderflow.platform.core;

/**
 * A request a module turns down, with an HTTP-like code (400 invalid, 404 unknown, 409 conflict)
 * and a message; when a field is at fault the message reads {@code "field: reason"}.
 */
public final class Refusal extends RuntimeException {

  private final int code;

  public Refusal(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }
}

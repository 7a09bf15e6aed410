package dev.orderflow.platform.bus;

/**
 * Why a request to another module did not produce a reply, in terms an edge can map to a status:
 * the target refused it ({@link Kind#NOT_FOUND}, {@link Kind#INVALID}, {@link Kind#CONFLICT},
 * {@link Kind#PRECONDITION_FAILED}, {@link Kind#UNPROCESSABLE}) or
 * could not answer ({@link Kind#UNAVAILABLE}, {@link Kind#TIMEOUT}).
 */
public final class ServiceFailure extends RuntimeException {

  public enum Kind { NOT_FOUND, INVALID, CONFLICT, PRECONDITION_FAILED, UNPROCESSABLE, UNAVAILABLE, TIMEOUT }

  private final Kind kind;
  private final long retryAfterSeconds;

  ServiceFailure(Kind kind, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Kind kind() {
    return kind;
  }

  /** The failure code that passes this failure on to the next caller unchanged in meaning. */
  public int busCode() {
    return switch (kind) {
      case NOT_FOUND -> 404;
      case INVALID -> 400;
      case CONFLICT -> 409;
      case PRECONDITION_FAILED -> 412;
      case UNPROCESSABLE -> 422;
      case UNAVAILABLE -> 503;
      case TIMEOUT -> 504;
    };
  }

  /** How long a caller should wait before trying again; 0 when unknown. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}

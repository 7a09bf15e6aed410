package dev.orderflow.platform.core;

import java.util.UUID;
import java.util.regex.Pattern;

/** The correlation id that follows one request through HTTP, event-bus headers and log lines. */
public final class Correlation {

  public static final String HTTP_HEADER = "X-Correlation-Id";
  public static final String BUS_HEADER = "correlation-id";
  /** The key-value pair that carries the id in a log event, a field of its own in JSON log lines. */
  public static final String LOG_FIELD = "correlationId";

  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private Correlation() {
  }

  /** The caller's id when it is a sane token, otherwise a new one. */
  public static String fromOrNew(String candidate) {
    return candidate != null && ACCEPTABLE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
  }
}

package dev.orderflow.platform.core;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
    return candidate != null && ACCEPTABLE.matcher(candidate).matches() ? candidate : newId();
  }

  /**
   * A random UUID (version 4 layout) from the thread's own generator: an id that names a request
   * guards nothing, so it needs no SecureRandom, whose one shared instance every event loop would
   * take turns on for each request.
   */
  private static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long mostSignificant = random.nextLong() & ~0xF000L | 0x4000L;
    long leastSignificant = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
    return new UUID(mostSignificant, leastSignificant).toString();
  }
}

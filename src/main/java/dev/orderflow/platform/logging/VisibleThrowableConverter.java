package dev.orderflow.platform.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %visibleEx} in a logback pattern: the stack trace on the event's own line, after a space,
 * its line breaks and any control characters of exception messages escaped. Being a throwable
 * converter, it also keeps logback from appending a raw {@code %ex} to the pattern.
 */
public final class VisibleThrowableConverter extends ThrowableProxyConverter {

  @Override
  public String convert(ILoggingEvent event) {
    String stackTrace = super.convert(event).stripTrailing();
    return stackTrace.isEmpty() ? stackTrace : " " + ControlCharacters.escape(stackTrace);
  }
}

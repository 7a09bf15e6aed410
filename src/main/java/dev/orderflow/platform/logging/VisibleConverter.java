package dev.orderflow.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/** {@code %visible(...)} in a logback pattern: what the inner pattern printed, with control characters escaped. */
public final class VisibleConverter extends CompositeConverter<ILoggingEvent> {

  @Override
  protected String transform(ILoggingEvent event, String in) {
    return ControlCharacters.escape(in);
  }
}

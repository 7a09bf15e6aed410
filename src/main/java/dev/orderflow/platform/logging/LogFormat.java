package dev.orderflow.platform.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Puts the configured log format in force. Logback is configured before the settings are read and
 * takes {@code ORDERFLOW_LOG_FORMAT} from the environment or a system property, so a format named
 * only in the configuration file is applied here, by configuring logback once more with it.
 */
public final class LogFormat {

  /** The property logback.xml selects the root logger's appender (named "text" or "json") with. */
  public static final String PROPERTY = "ORDERFLOW_LOG_FORMAT";

  private LogFormat() {
  }

  public static void apply(String format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context) || format.equals(active(context))) {
      return;
    }
    context.reset();
    context.putProperty(PROPERTY, format);
    try {
      new ContextInitializer(context).autoConfig();
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure logging for the " + format + " format", e);
    }
  }

  private static String active(LoggerContext context) {
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    return root.getAppender("json") != null ? "json" : "text";
  }
}

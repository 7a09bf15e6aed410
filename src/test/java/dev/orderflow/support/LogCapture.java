package dev.orderflow.support;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures the bytes the root logger's configured appender ("text" or "json", as logback.xml names
 * them: asynchronous, each writing through its console appender "text-console" or "json-console")
 * writes, by writing every event through that console appender's own encoder: the log as an
 * operator or a log shipper reads it.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

  private LogCapture(String appenderName) {
    AsyncAppender async = (AsyncAppender) root.getAppender(appenderName);
    if (async == null) {
      throw new IllegalStateException("the root logger has no appender '" + appenderName + "'");
    }
    OutputStreamAppender<ILoggingEvent> configured = (OutputStreamAppender<ILoggingEvent>) async.getAppender(appenderName + "-console");
    appender.setContext(root.getLoggerContext());
    appender.setName("capture-" + appenderName);
    appender.setEncoder(configured.getEncoder());
    appender.setOutputStream(written);
    appender.start();
    root.addAppender(appender);
  }

  public static LogCapture of(String appenderName) {
    return new LogCapture(appenderName);
  }

  /** The lines written so far, split where the bytes hold a line feed: what a reader of the log file sees as lines. */
  public List<String> lines() {
    return written.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}

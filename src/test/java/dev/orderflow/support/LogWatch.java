package dev.orderflow.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** Watches one logger of the in-process instance for a line: a condition to wait on that no API shows. */
public final class LogWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final Logger logger;
  private final Predicate<String> wanted;
  private final AtomicBoolean seen = new AtomicBoolean();

  private LogWatch(String loggerName, Predicate<String> wanted) {
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    this.wanted = wanted;
  }

  /** Starts watching a logger (and the loggers below it) for a formatted line that {@code wanted} accepts. */
  public static LogWatch on(String loggerName, Predicate<String> wanted) {
    LogWatch watch = new LogWatch(loggerName, wanted);
    watch.start();
    watch.logger.addAppender(watch);
    return watch;
  }

  public boolean seen() {
    return seen.get();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (wanted.test(event.getFormattedMessage())) {
      seen.set(true);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}

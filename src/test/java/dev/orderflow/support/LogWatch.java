package dev.orderflow.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Watches one logger of the in-process instance for a line: a condition to wait on that no API shows. */
public final class LogWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final Logger logger;
  private final Predicate<String> wanted;
  private final List<String> matched = new CopyOnWriteArrayList<>();

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
    return !matched.isEmpty();
  }

  /** The lines seen so far that {@code wanted} accepted, in the order they were logged. */
  public List<String> lines() {
    return List.copyOf(matched);
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (wanted.test(event.getFormattedMessage())) {
      matched.add(event.getFormattedMessage());
    }
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}

package dev.orderflow.support;

import dev.orderflow.platform.messaging.EmbeddedKafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** One real embedded broker per test JVM, started on first use and stopped when the JVM exits. */
public final class SharedKafka {

  private static EmbeddedKafka broker;

  private SharedKafka() {
  }

  public static synchronized String bootstrapServers() {
    if (broker == null) {
      try {
        broker = EmbeddedKafka.start(Files.createTempDirectory("orderflow-test-kafka"), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "shared-kafka-stop"));
    }
    return broker.bootstrapServers();
  }
}

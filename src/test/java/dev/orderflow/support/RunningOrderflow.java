package dev.orderflow.support;

import dev.orderflow.platform.Instance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.stream.Stream;

/**
 * One Orderflow instance for a whole test class, started before its first test and stopped after its
 * last: {@code @RegisterExtension static final RunningOrderflow orderflow = RunningOrderflow.onSqlite();}.
 * On PostgreSQL it runs in schemas under a prefix of its own, dropped once the instance has stopped.
 */
public final class RunningOrderflow implements BeforeAllCallback, AfterAllCallback {

  private final String[] settings;
  private final String schemaPrefix;
  private TestInstance running;

  private RunningOrderflow(String[] settings, String schemaPrefix) {
    this.settings = settings;
    this.schemaPrefix = schemaPrefix;
  }

  /** On SQLite in its own data directory, with {@code settings} (name, value, …) over the test defaults. */
  public static RunningOrderflow onSqlite(String... settings) {
    return new RunningOrderflow(settings, null);
  }

  /** On the machine's PostgreSQL ({@link Postgres#URL}), with {@code settings} (name, value, …) over the test defaults. */
  public static RunningOrderflow onPostgres(String... settings) {
    String prefix = Postgres.uniqueSchemaPrefix();
    String[] withDatabase = Stream.concat(Stream.of("ORDERFLOW_DB_URL", Postgres.URL, "ORDERFLOW_DB_SCHEMA_PREFIX", prefix),
      Stream.of(settings)).toArray(String[]::new);
    return new RunningOrderflow(withDatabase, prefix);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running = TestInstance.start(settings);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (running != null) {
        running.close();
      }
    } finally {
      if (schemaPrefix != null) {
        Postgres.dropSchemas(schemaPrefix);
      }
    }
  }

  public Instance instance() {
    return running.instance();
  }

  /** A client of the gateway that sends the admin token. */
  public Http http() {
    return running.http();
  }

  /** The Kafka name of a logical topic in this instance's namespace. */
  /** The prefix of this instance's PostgreSQL schemas ({@code <prefix>customers}, ...); null on SQLite. */
  public String schemaPrefix() {
    return schemaPrefix;
  }

  public String topic(String logicalName) {
    return running.topic(logicalName);
  }
}

package dev.orderflow.platform;

import dev.orderflow.platform.core.StartupException;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Loads the configuration once at startup through vertx-config: an optional JSON file named by
 * {@code ORDERFLOW_CONFIG_FILE}, then the environment, then explicit overrides (tests, flags),
 * resolved against the settings catalog.
 */
final class ConfigLoader {

  static final String CONFIG_FILE = "ORDERFLOW_CONFIG_FILE";

  private ConfigLoader() {
  }

  /** Reads with a Vert.x of its own, closed before it answers: the instance's Vert.x (clustered or not) is built from what it reads. */
  static JsonObject load(Settings settings, Map<String, String> overrides) {
    Vertx vertx = Vertx.vertx();
    try {
      return load(vertx, settings, overrides);
    } finally {
      vertx.close();
    }
  }

  private static JsonObject load(Vertx vertx, Settings settings, Map<String, String> overrides) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false).setScanPeriod(-1);
    String file = overrides.getOrDefault(CONFIG_FILE, System.getenv(CONFIG_FILE));
    if (file != null && !file.isBlank()) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("json")
        .setConfig(new JsonObject().put("path", file)));
    }
    options.addStore(new ConfigStoreOptions().setType("env")
      .setConfig(new JsonObject().put("raw-data", true).put("keys", new JsonArray(settings.environmentNames()))));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    try {
      JsonObject raw = retriever.getConfig().await();
      overrides.forEach(raw::put);
      return settings.resolve(raw);
    } catch (StartupException e) {
      throw e;
    } catch (RuntimeException e) {
      throw StartupException.of(CONFIG_FILE, "cannot read '" + file + "': " + StartupException.rootMessage(e));
    } finally {
      retriever.close();
    }
  }
}

package dev.orderflow.platform.messaging;

import dev.orderflow.platform.Settings;
import io.vertx.core.json.JsonObject;

/** The {@code messaging} settings a test runs with: the catalog's defaults, overridden where the test says. */
final class MessagingSettings {

  private MessagingSettings() {
  }

  static JsonObject with(JsonObject overrides) {
    return Settings.catalog().resolve(new JsonObject().put("messaging", overrides)).getJsonObject("messaging");
  }

  static MessagingOptions options(JsonObject overrides) {
    return MessagingOptions.from(with(overrides));
  }
}

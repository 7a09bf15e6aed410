package dev.orderflow.catalog;

import io.vertx.core.json.JsonObject;

/** The catalog's own settings (the {@code catalog} object of the configuration). */
record CatalogOptions(boolean seed) {

  static CatalogOptions from(JsonObject config) {
    return new CatalogOptions(config.getBoolean("seed"));
  }
}

package dev.orderflow.gateway;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Items the gateway served recently, so that repeated reads skip the catalog. Entries are dropped
 * on the catalog's item-changed notices (event-bus publish: fast, but may be lost), and expire
 * after a TTL that bounds how stale a lost notice can leave an entry. Used from the gateway
 * verticle's event loop only.
 */
final class ItemCache {

  private static final int MAX_ENTRIES = 10_000;

  private final long ttlMs;
  private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  ItemCache(long ttlMs) {
    this.ttlMs = ttlMs;
  }

  JsonObject get(String sku) {
    Entry entry = entries.get(sku);
    if (entry == null || entry.expiresAt() < System.currentTimeMillis()) {
      entries.remove(sku);
      return null;
    }
    return entry.item();
  }

  void put(String sku, JsonObject item) {
    entries.put(sku, new Entry(item, System.currentTimeMillis() + ttlMs));
  }

  void invalidate(String sku) {
    entries.remove(sku);
  }

  private record Entry(JsonObject item, long expiresAt) {
  }
}

package dev.orderflow.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;

/**
 * Items the gateway served recently, so that repeated reads skip the catalog. Entries are dropped
 * on the catalog's item-changed notices (event-bus publish: fast, but may be lost), and expire
 * after a TTL that bounds how stale a lost notice can leave an entry. An entry is the item's
 * public representation already encoded, so that a hit is answered without encoding it again.
 */
final class ItemCache {

  private static final int MAX_ENTRIES = 10_000;

  private final Cache<String, Buffer> entries;

  ItemCache(long ttlMs) {
    this.entries = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(Duration.ofMillis(ttlMs)).build();
  }

  Buffer get(String sku) {
    return entries.getIfPresent(sku);
  }

  void put(String sku, Buffer item) {
    entries.put(sku, item);
  }

  void invalidate(String sku) {
    entries.invalidate(sku);
  }
}

package dev.orderflow.platform;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of produced, consumed, failed and dead-lettered records, by topic or group. */
public final class MessagingMetrics {

  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

  void produced(String topic) {
    increment("produced", topic);
  }

  void consumed(String group) {
    increment("consumed", group);
  }

  void failed(String group) {
    increment("failed", group);
  }

  void deadLettered(String group) {
    increment("dead-lettered", group);
  }

  /** {@code {"produced": {"orderflow.customers": 12}, "consumed": {...}, ...}} */
  public JsonObject snapshot() {
    JsonObject snapshot = new JsonObject();
    counters.forEach((key, value) -> {
      int slash = key.indexOf('/');
      String kind = key.substring(0, slash);
      JsonObject byName = snapshot.getJsonObject(kind);
      if (byName == null) {
        byName = new JsonObject();
        snapshot.put(kind, byName);
      }
      byName.put(key.substring(slash + 1), value.get());
    });
    return snapshot;
  }

  private void increment(String kind, String name) {
    counters.computeIfAbsent(kind + "/" + name, ignored -> new AtomicLong()).incrementAndGet();
  }
}

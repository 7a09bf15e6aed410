package dev.orderflow.paymentprovider;

import dev.orderflow.platform.core.Refusal;
import io.vertx.core.json.JsonObject;

/** Injected faults, off by default: added latency, a share of failing answers, a full outage. */
record Faults(long latencyMs, double errorRate, boolean outage) {

  static final Faults NONE = new Faults(0, 0, false);
  private static final long MAX_LATENCY_MS = 60_000;

  /** Reads a fault setting; a value out of range is a 400 refusal naming its field. */
  static Faults fromJson(JsonObject json) {
    Object latency = json.getValue("latencyMs", 0);
    Object errorRate = json.getValue("errorRate", 0);
    Object outage = json.getValue("outage", false);
    if (!(latency instanceof Number ms) || ms.longValue() < 0 || ms.longValue() > MAX_LATENCY_MS) {
      throw new Refusal(400, "latencyMs: must be a whole number of milliseconds from 0 to " + MAX_LATENCY_MS);
    }
    if (!(errorRate instanceof Number rate) || rate.doubleValue() < 0 || rate.doubleValue() > 1) {
      throw new Refusal(400, "errorRate: must be a number from 0 to 1");
    }
    if (!(outage instanceof Boolean down)) {
      throw new Refusal(400, "outage: must be true or false");
    }
    return new Faults(ms.longValue(), rate.doubleValue(), down);
  }

  JsonObject toJson() {
    return new JsonObject().put("latencyMs", latencyMs).put("errorRate", errorRate).put("outage", outage);
  }
}

package dev.orderflow.checkout;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/** The lines of a saga's history (as GET /admin/sagas shows it) with one outcome, for the ownership tests. */
record SagaHistory(JsonArray lines) {

  static SagaHistory of(JsonObject saga) {
    return new SagaHistory(saga.getJsonArray("history"));
  }

  List<JsonObject> withOutcome(String outcome) {
    return lines.stream().map(JsonObject.class::cast).filter(line -> outcome.equals(line.getString("outcome"))).toList();
  }

  static Instant at(JsonObject line) {
    return Instant.parse(line.getString("at"));
  }
}

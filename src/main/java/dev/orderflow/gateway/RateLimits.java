package dev.orderflow.gateway;

import dev.orderflow.platform.core.StartupException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The limits of {@code ORDERFLOW_RATE_LIMITS}: global, per client, and per client on path prefixes. */
record RateLimits(Limit global, Limit perClient, List<RouteLimit> routes) {

  static final String SETTING = "ORDERFLOW_RATE_LIMITS";

  record RouteLimit(String prefix, Limit limit) {
  }

  static RateLimits from(JsonObject config) {
    List<RouteLimit> routes = new ArrayList<>();
    JsonArray routeLimits = config.getJsonArray("routes", new JsonArray());
    for (int i = 0; i < routeLimits.size(); i++) {
      JsonObject route = routeLimits.getJsonObject(i);
      String prefix = route.getString("prefix");
      if (prefix == null || !prefix.startsWith("/")) {
        throw StartupException.of(SETTING, "routes[" + i + "] needs a prefix starting with /");
      }
      routes.add(new RouteLimit(prefix, Limit.from(route, "routes[" + i + "]")));
    }
    return new RateLimits(Limit.from(config.getJsonObject("global"), "global"), Limit.from(config.getJsonObject("perClient"), "perClient"),
      List.copyOf(routes));
  }

  /** The longest time any client bucket takes to fill up from empty. */
  double longestClientRefillSeconds() {
    return Stream.concat(Stream.of(perClient), routes.stream().map(RouteLimit::limit)).mapToDouble(Limit::refillSeconds).max().orElseThrow();
  }
}

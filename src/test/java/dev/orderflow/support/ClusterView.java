package dev.orderflow.support;

import io.vertx.core.json.JsonObject;

import java.util.function.Predicate;

/** The members of a cluster as {@code GET /admin/cluster} lists them. */
public final class ClusterView {

  private ClusterView() {
  }

  /** The member that runs {@code module}. */
  public static JsonObject memberRunning(JsonObject view, String module) {
    return member(view, "runs " + module, member -> member.getJsonArray("modules").contains(module));
  }

  /** The first member {@code wanted} accepts; {@code what} says what was wanted when none is. */
  public static JsonObject member(JsonObject view, String what, Predicate<JsonObject> wanted) {
    return view.getJsonArray("members").stream().map(JsonObject.class::cast).filter(wanted).findFirst()
      .orElseThrow(() -> new AssertionError("no member " + what + ": " + view.encode()));
  }
}

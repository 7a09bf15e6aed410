package dev.orderflow.platform;

import dev.orderflow.platform.core.StartupException;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Module name → the factory of its main verticle and the modules it requires, in registration
 * order. A module starts once the selected modules it requires have started (those that serve
 * others first, the gateway last so that it opens HTTP when what it calls is ready); modules that
 * do not require one another start side by side. Each stops before the modules it requires. A
 * module can be prepared before its turn, while the modules it requires start ({@link #registerPrepared}).
 */
public final class ModuleRegistry {

  static final String MODULES_SETTING = "ORDERFLOW_MODULES";
  private static final String ALL = "all";

  private final Map<String, Function<Platform, Future<Deployable>>> modules = new LinkedHashMap<>();
  private final Map<String, List<String>> requirements = new HashMap<>();

  /** {@code requires}: modules registered before this one that must have started before it starts (when selected). */
  public ModuleRegistry register(String name, Function<Platform, Deployable> factory, String... requires) {
    return registerPrepared(name, platform -> Future.succeededFuture(factory.apply(platform)), requires);
  }

  /**
   * A module whose main verticle needs slow work first that the modules it requires do not affect
   * (reading and checking its own files, say): {@code preparation} starts when the modules begin to
   * start and the verticle it yields is deployed when its turn comes, as for {@link #register}; a
   * failed preparation fails the module's start.
   */
  public ModuleRegistry registerPrepared(String name, Function<Platform, Future<Deployable>> preparation, String... requires) {
    for (String required : requires) {
      if (!modules.containsKey(required)) {
        throw new IllegalArgumentException("module " + name + " requires " + required + ", which is not registered before it");
      }
    }
    modules.put(name, preparation);
    requirements.put(name, List.of(requires));
    return this;
  }

  public List<String> names() {
    return List.copyOf(modules.keySet());
  }

  Future<Deployable> prepare(String name, Platform platform) {
    return modules.get(name).apply(platform);
  }

  List<String> requirements(String name) {
    return requirements.get(name);
  }

  /** The selected module names in deployment order; an unknown name is a startup error. */
  List<String> select(JsonArray requested) {
    if (requested.isEmpty() || requested.contains(ALL)) {
      return names();
    }
    List<String> unknown = new ArrayList<>();
    for (Object name : requested) {
      if (!modules.containsKey(name)) {
        unknown.add(String.valueOf(name));
      }
    }
    if (!unknown.isEmpty()) {
      throw StartupException.of(MODULES_SETTING, "unknown module " + String.join(", ", unknown)
        + " (known: " + String.join(", ", modules.keySet()) + ", or all)");
    }
    List<String> selected = new ArrayList<>(names());
    selected.retainAll(requested.getList());
    return Collections.unmodifiableList(selected);
  }
}

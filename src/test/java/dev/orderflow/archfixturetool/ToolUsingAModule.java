package dev.orderflow.archfixturetool;

import dev.orderflow.archfixturebeta.Beta;

/** A planted violation: a tool using a module's class instead of its HTTP API. */
public final class ToolUsingAModule {

  public String name() {
    return new Beta().toString();
  }
}

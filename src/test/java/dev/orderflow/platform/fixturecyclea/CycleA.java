package dev.orderflow.platform.fixturecyclea;

import dev.orderflow.platform.fixturecycleb.CycleB;

/** A planted violation: two platform slices that use each other, for the architecture rules to catch. */
public final class CycleA {

  int size() {
    return new CycleB().size();
  }
}

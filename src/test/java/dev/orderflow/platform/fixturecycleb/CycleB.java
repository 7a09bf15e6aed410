package dev.orderflow.platform.fixturecycleb;

import dev.orderflow.platform.Platform;
import dev.orderflow.platform.fixturecyclea.CycleA;

/** A planted violation: the other half of the cycle, also reaching up to the startup package. */
public final class CycleB {

  public int size() {
    return CycleA.class.getName().length() + Platform.class.getName().length();
  }
}

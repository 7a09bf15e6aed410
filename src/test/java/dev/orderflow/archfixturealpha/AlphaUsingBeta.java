package dev.orderflow.archfixturealpha;

import dev.orderflow.archfixturebeta.Beta;

/** A planted violation: one "module" using another, for the architecture rules to catch. */
public final class AlphaUsingBeta {

  public String name() {
    return new Beta().toString();
  }
}

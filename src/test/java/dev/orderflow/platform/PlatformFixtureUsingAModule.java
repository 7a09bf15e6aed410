package dev.orderflow.platform;

import dev.orderflow.archfixturealpha.AlphaUsingBeta;

/** A planted violation: platform code using a module, for the architecture rules to catch. */
final class PlatformFixtureUsingAModule {

  String name() {
    return new AlphaUsingBeta().name();
  }
}

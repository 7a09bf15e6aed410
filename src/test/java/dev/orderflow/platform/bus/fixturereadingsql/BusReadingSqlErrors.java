package dev.orderflow.platform.bus.fixturereadingsql;

import dev.orderflow.platform.sql.SqlErrors;

/** Planted violation for ArchitectureTest: the bus slice reading SQL errors itself. */
public final class BusReadingSqlErrors {

  private BusReadingSqlErrors() {
  }

  static boolean unstorable(Throwable failure) {
    return SqlErrors.isUnstorableText(failure);
  }
}

package dev.orderflow.platform.sql;

import java.nio.file.Path;

/** The JDBC URL the jar opens a module's embedded SQLite database with, for benchmarks outside this package. */
public final class JarSqliteUrl {

  private JarSqliteUrl() {
  }

  public static String forModule(Path dataDir, String module) {
    return DatabaseUrl.from("", dataDir, "").jdbcUrlFor(module);
  }
}

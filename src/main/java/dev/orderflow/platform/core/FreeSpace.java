package dev.orderflow.platform.core;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free disk space under the data directory as a readiness check: below the configured floor
 * ({@code ORDERFLOW_DATA_MIN_FREE_BYTES}) the instance reports unready before SQLite and the
 * embedded broker run out of space, rather than after.
 */
@Wiring
public final class FreeSpace {

  static final String SETTING = "ORDERFLOW_DATA_MIN_FREE_BYTES";

  private FreeSpace() {
  }

  /** Registers the check; a floor of 0 registers none. */
  public static void register(Vertx vertx, Readiness readiness, Path dataDir, long floorBytes) {
    if (floorBytes == 0) {
      return;
    }
    readiness.registerDependency("disk-space", () -> vertx.executeBlocking(() -> usableBytes(dataDir))
      .map(free -> {
        JsonObject data = new JsonObject().put("dir", dataDir.toAbsolutePath().normalize().toString())
          .put("freeBytes", free).put("floorBytes", floorBytes);
        return free >= floorBytes ? Status.OK(data) : Status.KO(data.put("error",
          "free disk space under the data dir is " + free + " bytes, below the floor of " + floorBytes + " (" + SETTING + ")"));
      }));
  }

  /** Space usable under {@code dir}, or under its nearest existing parent while it does not exist yet. */
  private static long usableBytes(Path dir) throws IOException {
    Path existing = dir.toAbsolutePath().normalize();
    while (!Files.exists(existing) && existing.getParent() != null) {
      existing = existing.getParent();
    }
    return Files.getFileStore(existing).getUsableSpace();
  }
}

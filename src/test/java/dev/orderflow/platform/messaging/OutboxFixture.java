package dev.orderflow.platform.messaging;

import dev.orderflow.platform.Settings;
import dev.orderflow.platform.bus.Discovery;
import dev.orderflow.platform.core.Readiness;
import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.sql.Databases;
import dev.orderflow.support.TestInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A module database of its own on SQLite, and an outbox filled with numbered events, for the relay's benchmark and tests. */
final class OutboxFixture {

  private OutboxFixture() {
  }

  static Database open(Vertx vertx, String module) {
    return open(vertx, module, TestInstance.newDataDir());
  }

  /** Opens, and migrates, the database of {@code module} in {@code dataDir}: {@code <module>.db}. */
  static Database open(Vertx vertx, String module, Path dataDir) {
    return Databases.connect(vertx, Settings.catalog().resolve(new JsonObject().put("db", new JsonObject().put("url", "")
        .put("schema-prefix", "").put("readers", 2).put("write-batch-max", 256))),
      dataDir, 5000, new Readiness(vertx)).open(module).await();
  }

  /** Messaging on the broker at {@code bootstrapServers} with the catalog's settings, topics replicated once (one broker). */
  static Messaging messaging(Vertx vertx, String bootstrapServers) {
    return Messaging.create(vertx, KafkaClients.plaintext(bootstrapServers), MessagingSettings.with(new JsonObject().put("topic-replication", 1)),
      new Readiness(vertx), Discovery.create(vertx, "outbox-test", "127.0.0.1"), new SimpleMeterRegistry(), 0);
  }

  /** Appends {@code events} events to {@code topic}, numbered from 0 in field {@code n}, keyed over {@code keys} keys, in group commits. */
  static void fill(Database database, String topic, int events, int keys, int payloadChars) {
    String payload = "x".repeat(payloadChars);
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      Event event = Event.create("/test", "orderflow.test.Filled.v1", "key-" + (i % keys), new JsonObject().put("n", i).put("payload", payload),
        null, null);
      writes.add(database.write(tx -> {
        Outbox.append(tx, topic, event);
        return null;
      }));
      if (writes.size() == 10_000) {
        Future.all(writes).await();
        writes.clear();
      }
    }
    Future.all(writes).await();
  }
}

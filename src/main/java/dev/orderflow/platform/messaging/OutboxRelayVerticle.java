package dev.orderflow.platform.messaging;

import dev.orderflow.platform.sql.Database;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * A module's outbox relay as a verticle: starts relaying the module's outbox to Kafka on deploy
 * (and counts its backlog towards readiness), stops on undeploy, before the module closes its
 * database. Rows not yet relayed wait in the outbox for the next start.
 */
public final class OutboxRelayVerticle extends VerticleBase {

  private final Messaging messaging;
  private final Database database;
  private final String module;
  private OutboxRelay relay;

  public OutboxRelayVerticle(Messaging messaging, Database database, String module) {
    this.messaging = messaging;
    this.database = database;
    this.module = module;
  }

  @Override
  public Future<?> start() {
    relay = messaging.startRelay(database, module);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (relay != null) {
      relay.stop();
    }
    return Future.succeededFuture();
  }
}

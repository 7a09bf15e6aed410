package dev.orderflow;

import dev.orderflow.platform.sql.JarSqliteUrl;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The floor of durable acceptance on this machine: the bare ceiling's server ({@link BareCeiling})
 * that answers a POST only once its body is committed to SQLite (the jar's URL: WAL,
 * {@code synchronous=FULL}), by a textbook group commit: one writer thread takes every body that
 * waits, inserts them back to back with one prepared statement, commits once (one fsync) and hands
 * the answers back to each event loop once per commit. Nothing else: no parsing, validation,
 * authentication, event bus, outbox or Kafka. bench/acceptance.sh measures it with the same wrk
 * script as {@code POST /api/v1/orders}, in the same run, so that the acceptance target can be set
 * against what one durable row per request costs here.
 * Usage: {@code DurableFloor <port> <data directory>}; prints "durable floor ready on <port>" once it listens.
 */
public final class DurableFloor extends VerticleBase {

  private static final int MAX_BODY_BYTES = 4096;
  private static final Buffer ACCEPTED = Buffer.buffer("{\"status\":\"PENDING\"}");

  private final int port;
  private final GroupCommit commits;

  private DurableFloor(int port, GroupCommit commits) {
    this.port = port;
    this.commits = commits;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path dataDir = Files.createDirectories(Path.of(args[1]));
    GroupCommit commits = new GroupCommit(JarSqliteUrl.forModule(dataDir, "durable-floor"));
    int cores = Runtime.getRuntime().availableProcessors();
    Vertx.vertx().deployVerticle(() -> new DurableFloor(port, commits), new DeploymentOptions().setInstances(cores))
      .onSuccess(id -> System.out.println("durable floor ready on " + port + " with " + cores + " event loops"))
      .onFailure(failure -> {
        System.err.println("durable floor: " + failure.getMessage());
        System.exit(1);
      });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(this::accept).listen(port, "127.0.0.1");
  }

  private void accept(HttpServerRequest request) {
    int status = bodyCheck(request.getHeader("Content-Length"));
    if (status != 0) {
      request.response().setStatusCode(status).end();
      return;
    }
    request.body()
      .compose(body -> commits.write(body.toString(), vertx.getOrCreateContext()))
      .onSuccess(stored -> request.response().setStatusCode(202).putHeader("Content-Type", "application/json").end(ACCEPTED))
      .onFailure(failure -> request.response().setStatusCode(503).end(String.valueOf(failure.getMessage())));
  }

  /** 0 when the body may be read: its length is declared and small enough; else the status that refuses it. */
  private static int bodyCheck(String length) {
    if (length == null) {
      return 411;
    }
    try {
      return Long.parseLong(length) > MAX_BODY_BYTES ? 413 : 0;
    } catch (NumberFormatException notANumber) {
      return 400;
    }
  }

  /** One writer thread: each commit holds every body that waited for it. */
  private static final class GroupCommit {

    private record Waiting(String body, Context context, Promise<Void> stored) {
    }

    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();

    GroupCommit(String url) throws Exception {
      Connection connection = DriverManager.getConnection(url);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS accepted (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
      }
      connection.setAutoCommit(false);
      PreparedStatement insert = connection.prepareStatement("INSERT INTO accepted (body) VALUES (?)");
      Thread writer = new Thread(() -> run(connection, insert), "durable-floor-writer");
      writer.setDaemon(true);
      writer.start();
    }

    Future<Void> write(String body, Context context) {
      Promise<Void> stored = Promise.promise();
      queue.add(new Waiting(body, context, stored));
      return stored.future();
    }

    private void run(Connection connection, PreparedStatement insert) {
      List<Waiting> batch = new ArrayList<>();
      while (true) {
        Throwable failure = null;
        try {
          batch.add(queue.take());
          queue.drainTo(batch);
          for (Waiting waiting : batch) {
            insert.setString(1, waiting.body());
            insert.executeUpdate();
          }
          connection.commit();
        } catch (InterruptedException stopped) {
          return;
        } catch (Exception e) {
          failure = e;
          try {
            connection.rollback();
          } catch (Exception rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
          }
        }
        answer(batch, failure);
        batch.clear();
      }
    }

    /** One hand-off per event loop and commit, as a group commit's callers would want. */
    private static void answer(List<Waiting> batch, Throwable failure) {
      Map<Context, List<Promise<Void>>> byContext = new IdentityHashMap<>();
      for (Waiting waiting : batch) {
        byContext.computeIfAbsent(waiting.context(), context -> new ArrayList<>()).add(waiting.stored());
      }
      byContext.forEach((context, promises) -> context.runOnContext(ignored -> promises.forEach(stored -> {
        if (failure == null) {
          stored.complete();
        } else {
          stored.fail(failure);
        }
      })));
    }
  }
}

package dev.orderflow.loadgen;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar orderflow.jar loadgen ...}: registers customers, optionally tops up stock, offers
 * orders at a fixed arrival rate for the duration, follows them until every one settled or the settle
 * timeout passed, prints a progress line every second and a summary at the end. Everything runs on one
 * event-loop context, so the figures need no locks.
 */
public final class LoadGenerator {

  public static final int EXIT_USAGE = 2;
  public static final int EXIT_FAILURE = 1;
  private static final String ORDERS_PATH = "/api/v1/orders";
  private static final String SYNC_PATH = "/api/v1/checkout/sync";
  private static final long TICK_MS = 1;
  private static final long SECOND_MS = 1000;

  private final LoadOptions options;
  private final PrintStream out;
  private final Vertx vertx;
  private final ShopClient client;
  private final Tally tally;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final Promise<Report> finished = Promise.promise();
  private List<Customer> customers;
  private Follower follower;
  private long startNanos;
  private long sent;

  private LoadGenerator(LoadOptions options, PrintStream out, Vertx vertx) {
    this.options = options;
    this.tally = new Tally(options.mode().settlesOrders());
    this.out = out;
    this.vertx = vertx;
    this.client = new ShopClient(vertx, options);
  }

  /** Runs the command line; answers the process exit code. */
  public static int run(PrintStream out, String... args) {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      out.println("loadgen: " + e.getMessage());
      out.println(LoadOptions.USAGE);
      return EXIT_USAGE;
    }
    try {
      if (!options.warmUp().isZero()) {
        warmUp(options.warmUpRun(), out);
      }
      Report report = execute(options, out);
      out.print(report.table());
      if (options.jsonReport() != null) {
        Files.writeString(Path.of(options.jsonReport()), report.json().encodePrettily());
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      out.println("loadgen: " + e.getMessage());
      return EXIT_FAILURE;
    }
  }

  /**
   * The unmeasured run: its progress lines are not printed, one line says how it went. A JVM new to the load
   * sent its first orders late (the first few hundred milliseconds of a run at thousands of orders a second),
   * which was the p99 of a 20-s acceptance run.
   */
  private static void warmUp(LoadOptions warmUpRun, PrintStream out) {
    Report warmedUp = execute(warmUpRun, new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    out.printf("loadgen: warm-up of %d s at %d/s, not measured: %d offered, %d accepted, %d errors%n", warmUpRun.duration().toSeconds(),
      warmUpRun.rate(), warmedUp.tally().offered, warmedUp.tally().accepted, warmedUp.tally().errorCount());
  }

  /** Runs one load against the target and answers its report; blocks the calling (non-Vert.x) thread until the end. */
  static Report execute(LoadOptions options, PrintStream out) {
    Vertx vertx = Vertx.vertx();
    try {
      LoadGenerator generator = new LoadGenerator(options, out, vertx);
      Context context = vertx.getOrCreateContext();
      context.runOnContext(start -> generator.prepare()
        .onSuccess(prepared -> generator.offer())
        .onFailure(generator.finished::tryFail));
      return generator.finished.future().toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private Future<Void> prepare() {
    return new RunSetup(options, client, out, runId).prepare().map(registered -> {
      customers = registered;
      follower = new Follower(client, tally, customers);
      return null;
    });
  }

  /** Starts the clock: a tick every millisecond sends what is due, a timer every second reports and follows. */
  private void offer() {
    out.printf("loadgen: offering %d orders at %d/s (%s) over at most %d connections%n", options.totalOrders(), options.rate(),
      options.mode().name().toLowerCase(), options.connections());
    startNanos = System.nanoTime();
    tally.startMillis = System.currentTimeMillis();
    long tick = vertx.setPeriodic(TICK_MS, id -> sendDue());
    long second = vertx.setPeriodic(SECOND_MS, id -> everySecond());
    finished.future().onComplete(done -> {
      vertx.cancelTimer(tick);
      vertx.cancelTimer(second);
    });
  }

  private void sendDue() {
    long elapsed = System.nanoTime() - startNanos;
    long due = Math.min(options.totalOrders(), elapsed * options.rate() / TimeUnit.SECONDS.toNanos(1));
    while (sent < due) {
      send(sent++);
    }
    boolean allSent = sent == options.totalOrders();
    boolean drained = allSent && tally.openRequests == 0 && tally.unsettled() == 0;
    boolean outOfTime = elapsed > options.duration().plus(options.settleTimeout()).toNanos();
    if (drained || outOfTime) {
      out.println(tally.progressLine(TimeUnit.NANOSECONDS.toSeconds(elapsed)));
      finished.tryComplete(Report.of(options, tally));
    }
  }

  /** Order {@code index}: its intended start, its customer (consecutive blocks per customer) and its sku (in turn). */
  private void send(long index) {
    long intendedNanos = startNanos + index * TimeUnit.SECONDS.toNanos(1) / options.rate();
    long block = (options.totalOrders() + customers.size() - 1) / customers.size();
    Customer customer = customers.get((int) (index / block % customers.size()));
    String sku = options.skus().get((int) (index % options.skus().size()));
    String path = options.mode() == LoadOptions.Mode.SYNC ? SYNC_PATH : ORDERS_PATH;
    tally.offered();
    long sentNanos = System.nanoTime();
    tally.sent(sentNanos - intendedNanos);
    client.place(path, customer.token, "loadgen-" + runId + "-" + index, sku).onComplete(answered -> {
      tally.answered();
      long answeredNanos = System.nanoTime();
      long latencyNanos = answeredNanos - intendedNanos;
      long fromSendNanos = answeredNanos - sentNanos;
      if (answered.failed()) {
        tally.error(Answers.kind(answered.cause()));
      } else if (options.mode() == LoadOptions.Mode.SYNC) {
        checkedOut(answered.result(), latencyNanos, fromSendNanos);
      } else {
        accepted(customer, answered.result(), latencyNanos, fromSendNanos);
      }
    });
  }

  private void accepted(Customer customer, ShopClient.Answer answer, long latencyNanos, long fromSendNanos) {
    if (answer.status() != 202) {
      tally.error(Answers.kind(answer));
      return;
    }
    tally.accepted(latencyNanos, fromSendNanos);
    if (options.mode().followsOrders()) {
      follower.track(customer, answer.body().getString("orderId"));
    }
  }

  /**
   * A synchronous checkout's answer: 201 a confirmed order; a refusal naming the cancelled order and its
   * reason (409 OUT_OF_STOCK, 402, 503, 504 TIMEOUT) or a parked one is settled too; anything else an error.
   */
  private void checkedOut(ShopClient.Answer answer, long latencyNanos, long fromSendNanos) {
    long latencyMillis = TimeUnit.NANOSECONDS.toMillis(latencyNanos);
    JsonObject body = answer.body();
    if (answer.status() == 201) {
      tally.accepted(latencyNanos, fromSendNanos);
      long serverMillis = Instant.parse(body.getString("updatedAt")).toEpochMilli() - Instant.parse(body.getString("placedAt")).toEpochMilli();
      tally.settled(Follower.outcome(body), latencyMillis, serverMillis);
      return;
    }
    String detail = body.getString("detail", "");
    String type = body.getString("type", "");
    if (type.endsWith("/checkout-parked") || detail.contains(" is CANCELLED (reason ")) {
      tally.accepted(latencyNanos, fromSendNanos);
      String outcome = type.endsWith("/checkout-parked") ? "PARKED (sync)"
        : "CANCELLED " + detail.substring(detail.indexOf("(reason ") + "(reason ".length(), detail.lastIndexOf(')'));
      tally.settled(outcome, latencyMillis, 0);
      return;
    }
    tally.error(Answers.kind(answer));
  }

  private void everySecond() {
    out.println(tally.progressLine(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos)));
    if (options.mode().followsOrders()) {
      follower.readBusyCustomers();
    }
  }
}

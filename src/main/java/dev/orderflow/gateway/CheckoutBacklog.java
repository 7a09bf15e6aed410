package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpProblem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acceptance pushes back: while the checkouts hold more unsettled sagas than their bound, as their
 * last {@link GatewayContract#CHECKOUT_BACKLOG} notices tell, a new order is refused with 503 and
 * Retry-After before anything is stored, rather than accepted to wait ever longer. The figures come
 * from notices, not a request per order; with no fresh notice (none arrived yet, or the instances
 * are gone) orders are accepted, as a lost notice must not stop the shop. Orders this gateway let
 * through since the latest notice count too: they are on their way to a checkout (outbox, Kafka)
 * and no notice shows them yet, so a burst faster than the notices is still held near the bound.
 */
final class CheckoutBacklog {

  /** Longest wait a refusal asks for: the backlog may drain faster than its last rate says. */
  private static final long MAX_RETRY_AFTER_SECONDS = 30;

  private final Map<String, Figures> byInstance = new ConcurrentHashMap<>();
  private final AtomicLong admittedSinceNotice = new AtomicLong();

  /** Records one instance's notice; a malformed one is ignored (notices are best-effort). */
  void onNotice(JsonObject notice) {
    if (notice.getValue("instance") instanceof String instance && notice.getValue("backlog") instanceof Number backlog
      && notice.getValue("maxBacklog") instanceof Number maxBacklog && notice.getValue("settledPerSecond") instanceof Number rate
      && notice.getValue("validForMs") instanceof Number validForMs) {
      byInstance.put(instance, new Figures(backlog.longValue(), maxBacklog.longValue(), rate.doubleValue(),
        System.currentTimeMillis() + validForMs.longValue()));
      admittedSinceNotice.set(0);
    }
  }

  /** Route handler ahead of placing an order: passes it on, or answers 503 while the checkouts are past their bound. */
  void admit(RoutingContext ctx) {
    long now = System.currentTimeMillis();
    long backlog = 0;
    long bound = 0;
    double settledPerSecond = 0;
    for (Map.Entry<String, Figures> entry : byInstance.entrySet()) {
      Figures figures = entry.getValue();
      if (figures.validUntil() < now) {
        byInstance.remove(entry.getKey(), figures);
      } else {
        backlog += figures.backlog();
        bound += figures.maxBacklog();
        settledPerSecond += figures.settledPerSecond();
      }
    }
    backlog += admittedSinceNotice.get();
    if (backlog < bound || bound == 0) {
      admittedSinceNotice.incrementAndGet();
      ctx.next();
      return;
    }
    Problems.send(ctx, HttpProblem.of(503, "checkout-backlog", "Checkout busy",
      "the checkout holds " + backlog + " unsettled orders (counting those on their way to it), its bound is " + bound
        + "; the order was not accepted")
      .retryAfter(retryAfterSeconds(backlog - bound + 1, settledPerSecond)));
  }

  /** How long the checkouts take, at their latest pace, to settle what they hold beyond their bound. */
  private static long retryAfterSeconds(long excess, double settledPerSecond) {
    if (settledPerSecond <= 0) {
      return MAX_RETRY_AFTER_SECONDS;
    }
    return Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, (long) Math.ceil(excess / settledPerSecond)));
  }

  private record Figures(long backlog, long maxBacklog, double settledPerSecond, long validUntil) {
  }
}

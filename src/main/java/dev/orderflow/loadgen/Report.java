package dev.orderflow.loadgen;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The end-of-run summary of a {@link Tally}: a table for people, the same figures as JSON for scripts. */
record Report(LoadOptions options, Tally tally, double seconds, double settleSeconds) {

  private static final double[] PERCENTILES = {50, 90, 99, 99.9};
  static final String SETTLE_RESOLUTION = "settle (observed) runs from the order's placedAt to the list read that first showed it"
    + " terminal; each busy customer's list is read once a second, so it reads up to about 1 s late (resolution ~1 s)."
    + " settle (server) is the order's updatedAt - placedAt, the server's own clock: millisecond resolution.";
  static final String ACCEPT_RESOLUTION = "accept: acceptance runs from each order's intended start to its 202; the orders are not"
    + " followed, so nothing settles in this run.";
  static final String SEND_LAG = " Acceptance splits into the send lag (how late the load generator itself handed the order to its HTTP"
    + " client: its own lag) and the time from that hand-over to the answer.";
  static final String SYNC_RESOLUTION = "sync: acceptance and settle (observed) are both the synchronous checkout's answer time from"
    + " its intended start; settle (server) is the confirmed order's updatedAt - placedAt (confirmed orders only).";

  /** What the latencies of this run's mode measure. */
  private String resolution() {
    return switch (options.mode()) {
      case ASYNC -> SETTLE_RESOLUTION;
      case SYNC -> SYNC_RESOLUTION;
      case ACCEPT -> ACCEPT_RESOLUTION;
    };
  }

  static Report of(LoadOptions options, Tally tally) {
    double seconds = options.duration().toMillis() / 1000.0;
    double settleSeconds = tally.settled == 0 ? 0 : (tally.lastSettleMillis - tally.startMillis) / 1000.0;
    return new Report(options, tally, seconds, settleSeconds);
  }

  double acceptedPerSecond() {
    return tally.accepted / seconds;
  }

  double settledPerSecond() {
    return settleSeconds == 0 ? 0 : tally.settled / settleSeconds;
  }

  String table() {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "loadgen %s against %s: %d/s for %.1f s, %d connections, %d customers, skus %s%n",
      options.mode().name().toLowerCase(Locale.ROOT), options.target(), options.rate(), seconds, options.connections(),
      options.customers(), String.join(",", options.skus())));
    row(text, "offered", String.format(Locale.ROOT, "%d (%.1f/s)", tally.offered, tally.offered / seconds));
    row(text, "accepted", String.format(Locale.ROOT, "%d (%.1f/s over the %.1f s of offering)", tally.accepted, acceptedPerSecond(), seconds));
    row(text, "settled", String.format(Locale.ROOT, "%d (%.1f/s over %.1f s, first order to last settle)", tally.settled, settledPerSecond(), settleSeconds));
    row(text, "unsettled at end", String.valueOf(tally.unsettled()));
    row(text, "unanswered at end", String.valueOf(tally.openRequests));
    row(text, "outcomes", counts(tally.outcomes));
    row(text, "errors", counts(tally.errors));
    if (options.mode().followsOrders()) {
      row(text, "follow reads", String.format(Locale.ROOT, "%d order-list pages (%.1f/s)", tally.followReads,
        tally.followReads / Math.max(seconds, settleSeconds)));
    }
    text.append(String.format(Locale.ROOT, "%-22s %9s %9s %9s %9s %9s %9s%n", "latency (ms)", "p50", "p90", "p99", "p99.9", "max", "count"));
    latencyRow(text, "acceptance", tally.acceptance);
    latencyRow(text, "  from send", tally.acceptanceFromSend);
    latencyRow(text, "  send lag (loadgen)", tally.sendLag);
    latencyRow(text, "settle (observed)", tally.settleObserved);
    latencyRow(text, "settle (server)", tally.settleServer);
    text.append(resolution()).append(SEND_LAG).append(System.lineSeparator());
    return text.toString();
  }

  JsonObject json() {
    return new JsonObject()
      .put("mode", options.mode().name().toLowerCase(Locale.ROOT))
      .put("target", options.target().toString())
      .put("rate", options.rate())
      .put("durationSeconds", seconds)
      .put("connections", options.connections())
      .put("customers", options.customers())
      .put("skus", options.skus())
      .put("offered", tally.offered)
      .put("accepted", tally.accepted)
      .put("acceptedPerSecond", acceptedPerSecond())
      .put("settled", tally.settled)
      .put("settledPerSecond", settledPerSecond())
      .put("settleSeconds", settleSeconds)
      .put("unsettled", tally.unsettled())
      .put("unanswered", tally.openRequests)
      .put("outcomes", new JsonObject(Map.copyOf(tally.outcomes)))
      .put("errors", new JsonObject(Map.copyOf(tally.errors)))
      .put("followReads", tally.followReads)
      .put("latencyMs", new JsonObject()
        .put("acceptance", percentiles(tally.acceptance))
        .put("acceptanceFromSend", percentiles(tally.acceptanceFromSend))
        .put("sendLag", percentiles(tally.sendLag))
        .put("settleObserved", percentiles(tally.settleObserved))
        .put("settleServer", percentiles(tally.settleServer)))
      .put("resolution", resolution());
  }

  private static JsonObject percentiles(Histogram histogram) {
    JsonObject figures = new JsonObject().put("count", histogram.getTotalCount());
    if (histogram.getTotalCount() > 0) {
      for (double percentile : PERCENTILES) {
        figures.put("p" + (percentile == Math.rint(percentile) ? String.valueOf((int) percentile) : String.valueOf(percentile)),
          millis(histogram.getValueAtPercentile(percentile)));
      }
      figures.put("max", millis(histogram.getMaxValue()));
    }
    return figures;
  }

  private static void latencyRow(StringBuilder text, String name, Histogram histogram) {
    if (histogram.getTotalCount() == 0) {
      text.append(String.format(Locale.ROOT, "%-22s %9s%n", name, "-"));
      return;
    }
    List<String> cells = new ArrayList<>();
    for (double percentile : PERCENTILES) {
      cells.add(String.format(Locale.ROOT, "%9.1f", millis(histogram.getValueAtPercentile(percentile))));
    }
    cells.add(String.format(Locale.ROOT, "%9.1f", millis(histogram.getMaxValue())));
    cells.add(String.format(Locale.ROOT, "%9d", histogram.getTotalCount()));
    text.append(String.format(Locale.ROOT, "%-22s %s%n", name, String.join(" ", cells)));
  }

  private static double millis(long micros) {
    return Math.round(micros / 100.0) / 10.0;
  }

  private static void row(StringBuilder text, String name, String value) {
    text.append(String.format(Locale.ROOT, "%-22s %s%n", name, value));
  }

  private static String counts(Map<String, Long> counts) {
    return counts.isEmpty() ? "none" : counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
      .collect(Collectors.joining(", "));
  }
}

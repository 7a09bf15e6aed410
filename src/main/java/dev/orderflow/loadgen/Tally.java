package dev.orderflow.loadgen;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a run counted and timed, recorded on the load generator's one event-loop thread: orders offered,
 * accepted and settled, outcomes, errors by kind, and latency histograms in microseconds.
 */
final class Tally {

  private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  final Histogram acceptance = histogram();
  /**
   * Acceptance as two parts: how late the load generator itself handed each order to its HTTP client
   * (its thread late for the intended start: its own lag, not the target's) and the rest, from that
   * hand-over to the answer. On a machine the generator shares with the target, a high acceptance
   * percentile with a high send lag says the generator fell behind.
   */
  final Histogram sendLag = histogram();
  final Histogram acceptanceFromSend = histogram();
  final Histogram settleObserved = histogram();
  final Histogram settleServer = histogram();
  final Map<String, Long> outcomes = new TreeMap<>();
  final Map<String, Long> errors = new TreeMap<>();
  long offered;
  long accepted;
  long settled;
  long openRequests;
  long followReads;
  long startMillis;
  long lastSettleMillis;
  /** Whether the run waits for accepted orders to settle; when not (accept mode), none is left unsettled. */
  private final boolean settlesOrders;

  Tally(boolean settlesOrders) {
    this.settlesOrders = settlesOrders;
  }

  void offered() {
    offered++;
    openRequests++;
  }

  void answered() {
    openRequests--;
  }

  /** An order handed to the HTTP client {@code lagNanos} after its intended start. */
  void sent(long lagNanos) {
    recordNanos(sendLag, lagNanos);
  }

  void accepted(long latencyNanos, long fromSendNanos) {
    accepted++;
    recordNanos(acceptance, latencyNanos);
    recordNanos(acceptanceFromSend, fromSendNanos);
  }

  /** An order reached a terminal state: how long after placedAt it was observed, and by the server's own clock. */
  void settled(String outcome, long observedMillis, long serverMillis) {
    settled++;
    lastSettleMillis = System.currentTimeMillis();
    outcomes.merge(outcome, 1L, Long::sum);
    settleObserved.recordValue(micros(observedMillis * 1000));
    settleServer.recordValue(micros(serverMillis * 1000));
  }

  void error(String kind) {
    errors.merge(kind, 1L, Long::sum);
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Accepted orders not settled yet. */
  long unsettled() {
    return settlesOrders ? accepted - settled : 0;
  }

  String progressLine(long elapsedSeconds) {
    return String.format("%4ds offered %d, accepted %d, settled %d, in flight %d (%d requests open, %d orders unsettled), errors %d",
      elapsedSeconds, offered, accepted, settled, openRequests + unsettled(), openRequests, unsettled(), errorCount());
  }

  private static void recordNanos(Histogram histogram, long nanos) {
    histogram.recordValue(micros(TimeUnit.NANOSECONDS.toMicros(nanos)));
  }

  private static long micros(long value) {
    return Math.max(0, Math.min(value, HIGHEST_MICROS));
  }

  private static Histogram histogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }
}

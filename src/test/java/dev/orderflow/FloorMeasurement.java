package dev.orderflow;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The loops of {@link FloorBenchmark}: each measures wall latency per call (HdrHistogram) and the
 * process's CPU time over a timed loop that follows an unmeasured warm-up: every thread of this JVM
 * (callers, event loops, the broker, the kernel's work on their behalf, GC and JIT), with the JIT
 * compiler's and the GC's and VM's threads also shown apart. CPU time is read from
 * {@code /proc/self/task/<tid>/schedstat} (nanoseconds; the MXBeans' process CPU time moves in 10 ms
 * ticks on this kernel), per thread, so that a thread started during the loop counts from zero.
 */
final class FloorMeasurement {

  private static final Path TASKS = Path.of("/proc/self/task");
  private static final List<String> GC_AND_VM = List.of("GC Thread", "G1 ", "VM Thread", "VM Periodic");
  private static final Duration PACE = Duration.ofMillis(1);
  private static final Duration WARMUP_WINDOW = Duration.ofMillis(500);
  private static final Duration WARMUP_MAX = Duration.ofSeconds(5);
  private static final double SETTLED_JIT_SHARE = 0.10;

  private FloorMeasurement() {
  }

  /** A blocking call that performs some operations and answers how many. */
  interface Calls {
    long run() throws Exception;
  }

  /** Runs the operation for {@code limit}. */
  private interface Window {
    void run(Limit limit) throws Exception;
  }

  /**
   * Where a loop stops: after {@code time} or after {@code calls} calls, whichever comes first; a
   * warm-up {@link #untilJitSettles()} stops when the JIT compiler is done with what the loop runs.
   */
  record Limit(Duration time, long calls, boolean settle) {
    static Limit seconds(double seconds) {
      return new Limit(Duration.ofMillis((long) (seconds * 1000)), Long.MAX_VALUE, false);
    }

    static Limit calls(long calls, Duration cap) {
      return new Limit(cap, calls, false);
    }

    /** Half-second windows until the JIT compiler's share of the last window's CPU is under 10 %, 5 s at most. */
    static Limit untilJitSettles() {
      return new Limit(WARMUP_MAX, Long.MAX_VALUE, true);
    }
  }

  /** One line of the table: {@code ops} operations over {@code nanos} of wall time, latency per call. */
  record Row(String what, String mode, double warmupSeconds, long ops, long nanos, Histogram latency, Cpu cpu) {
    /** Microseconds of CPU per operation, the JIT compiler's left out (a warm process compiles nothing new). */
    double cpuMicrosPerOp() {
      return (cpu.total() - cpu.jit()) / 1e3 / ops;
    }

    String format() {
      return String.format(Locale.ROOT, "%-44s %-42s %6.1f %8.0f %8s %8s %9.1f %8.1f %8.1f", what, mode, warmupSeconds, ops * 1e9 / nanos,
        millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(99)), cpuMicrosPerOp(),
        cpu.gcAndVm() / 1e3 / ops, cpu.jit() / 1e3 / ops);
    }

    static String header() {
      return String.format(Locale.ROOT, "%-44s %-42s %6s %8s %8s %8s %9s %8s %8s%n%-44s %-42s %6s %8s %8s %8s %9s %8s %8s", "operation", "how",
        "warm", "ops/s", "p50", "p99", "CPU/op", "of it", "JIT/op", "", "", "s", "", "ms", "ms", "µs, no JIT", "GC+VM", "(apart)");
    }

    private static String millis(long nanos) {
      return String.format(Locale.ROOT, nanos < 100_000 ? "%.4f" : "%.3f", nanos / 1e6);
    }
  }

  /** CPU nanoseconds of the process's threads over an interval: all, the JIT compiler's, the GC's and VM's. */
  record Cpu(long total, long jit, long gcAndVm) {
  }

  /** CPU time so far per thread id, with the thread's name (15 characters: "C2 CompilerThre", "GC Thread#0", ...). */
  private record Threads(Map<String, Long> nanos, Map<String, String> names) {
    static Threads now() {
      Map<String, Long> nanos = new HashMap<>();
      Map<String, String> names = new HashMap<>();
      try (Stream<Path> tasks = Files.list(TASKS)) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          try {
            String schedstat = Files.readString(task.resolve("schedstat"));
            names.put(task.getFileName().toString(), Files.readString(task.resolve("comm")).trim());
            nanos.put(task.getFileName().toString(), Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
          } catch (NoSuchFileException ended) {
            // the thread ended between the listing and the read: its time is lost, as any ended thread's
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Threads(nanos, names);
    }

    Cpu since(Threads earlier) {
      long total = 0;
      long jit = 0;
      long gcAndVm = 0;
      for (Map.Entry<String, Long> thread : nanos.entrySet()) {
        long spent = thread.getValue() - earlier.nanos.getOrDefault(thread.getKey(), 0L);
        String name = names.get(thread.getKey());
        total += spent;
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          jit += spent;
        } else if (GC_AND_VM.stream().anyMatch(name::startsWith)) {
          gcAndVm += spent;
        }
      }
      return new Cpu(total, jit, gcAndVm);
    }
  }

  /** Milliseconds of process CPU per second, the JIT's left out, while this thread sleeps {@code millis}: the JVM's background. */
  static double idleCpuMillisPerSecond(long millis) throws InterruptedException {
    Threads before = Threads.now();
    Thread.sleep(millis);
    Cpu idle = Threads.now().since(before);
    return (idle.total() - idle.jit()) / 1e6 / (millis / 1e3);
  }

  /** {@code calls} called back to back on this thread. */
  static Row blocking(String what, String mode, Limit warmup, Limit measured, Calls calls) throws Exception {
    double warm = warmUp(warmup, limit -> loop(limit, calls, histogram(), 0));
    return measure(what, mode, warm, measured, calls, 0);
  }

  /**
   * {@code calls} called on this thread once a millisecond, so that the threads they wake have gone
   * to sleep in between: the cost at a low rate. No warm-up of its own: run it after {@link #blocking}.
   */
  static Row blockingPaced(String what, String mode, Limit measured, Calls calls) throws Exception {
    return measure(what, mode, 0, measured, calls, PACE.toNanos());
  }

  private static Row measure(String what, String mode, double warm, Limit measured, Calls calls, long paceNanos) throws Exception {
    Histogram latency = histogram();
    Threads before = Threads.now();
    long started = System.nanoTime();
    long ops = loop(measured, calls, latency, paceNanos);
    return new Row(what, mode, warm, ops, System.nanoTime() - started, latency, Threads.now().since(before));
  }

  /** Runs the warm-up; answers how many seconds it took. */
  private static double warmUp(Limit warmup, Window window) throws Exception {
    long started = System.nanoTime();
    if (!warmup.settle()) {
      window.run(warmup);
    } else {
      long deadline = started + warmup.time().toNanos();
      Limit slice = new Limit(WARMUP_WINDOW, Long.MAX_VALUE, false);
      Cpu last;
      do {
        Threads before = Threads.now();
        window.run(slice);
        last = Threads.now().since(before);
      } while (last.jit() > SETTLED_JIT_SHARE * last.total() && System.nanoTime() < deadline);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static long loop(Limit limit, Calls calls, Histogram latency, long paceNanos) throws Exception {
    long deadline = System.nanoTime() + limit.time().toNanos();
    long ops = 0;
    long due = System.nanoTime();
    for (long call = 0; call < limit.calls() && System.nanoTime() < deadline; call++) {
      due = Math.max(due + paceNanos, System.nanoTime());
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      long start = System.nanoTime();
      ops += calls.run();
      latency.recordValue(System.nanoTime() - start);
    }
    return ops;
  }

  /** {@code op} issued and completed on {@code context}, {@code inFlight} at all times: the cost at saturation. */
  static Row saturated(String what, String mode, Context context, int inFlight, Limit warmup, Limit measured,
                       Supplier<Future<?>> op) throws Exception {
    double warm = warmUp(warmup, limit -> new Chains(op, histogram(), limit.time(), inFlight).run(context));
    Histogram latency = histogram();
    Threads before = Threads.now();
    long started = System.nanoTime();
    long ops = new Chains(op, latency, measured.time(), inFlight).run(context);
    return new Row(what, mode, warm, ops, System.nanoTime() - started, latency, Threads.now().since(before));
  }

  /**
   * {@code op} issued on {@code context} once a millisecond by a periodic timer (so mostly one at a
   * time, every hop waking a thread that was asleep): latency and cost at a low rate. No warm-up of
   * its own: run it after {@link #saturated} of the same operation.
   */
  static Row paced(String what, String mode, Context context, Limit measured, Supplier<Future<?>> op) {
    Histogram latency = histogram();
    Threads before = Threads.now();
    long started = System.nanoTime();
    long ops = new Paced(op, latency, measured.time()).run(context);
    return new Row(what, mode, 0, ops, System.nanoTime() - started, latency, Threads.now().since(before));
  }

  private static Histogram histogram() {
    return new Histogram(60_000_000_000L, 3);
  }

  /** Chains of operations, each issuing its next when its last completed; touched on the context's thread only. */
  private static final class Chains {
    private final Supplier<Future<?>> op;
    private final Histogram latency;
    private final long deadline;
    private final Promise<Long> done = Promise.promise();
    private int running;
    private long completed;

    Chains(Supplier<Future<?>> op, Histogram latency, Duration duration, int chains) {
      this.op = op;
      this.latency = latency;
      this.deadline = System.nanoTime() + duration.toNanos();
      this.running = chains;
    }

    long run(Context context) {
      int chains = running;
      context.runOnContext(ignored -> {
        for (int i = 0; i < chains; i++) {
          next();
        }
      });
      return done.future().await();
    }

    private void next() {
      if (System.nanoTime() >= deadline) {
        if (--running == 0) {
          done.tryComplete(completed);
        }
        return;
      }
      long start = System.nanoTime();
      op.get().onComplete(outcome -> {
        if (outcome.failed()) {
          done.tryFail(outcome.cause());
          return;
        }
        latency.recordValue(System.nanoTime() - start);
        completed++;
        next();
      });
    }
  }

  /** One operation per timer tick; touched on the context's thread only. */
  private static final class Paced {
    private final Supplier<Future<?>> op;
    private final Histogram latency;
    private final long deadline;
    private final Promise<Long> done = Promise.promise();
    private boolean issuing = true;
    private int outstanding;
    private long completed;

    Paced(Supplier<Future<?>> op, Histogram latency, Duration duration) {
      this.op = op;
      this.latency = latency;
      this.deadline = System.nanoTime() + duration.toNanos();
    }

    long run(Context context) {
      context.runOnContext(ignored -> context.owner().setPeriodic(PACE.toMillis(), timer -> tick(context, timer)));
      return done.future().await();
    }

    private void tick(Context context, long timer) {
      if (System.nanoTime() >= deadline) {
        context.owner().cancelTimer(timer);
        issuing = false;
        completeWhenIdle();
        return;
      }
      long start = System.nanoTime();
      outstanding++;
      op.get().onComplete(outcome -> {
        outstanding--;
        if (outcome.failed()) {
          done.tryFail(outcome.cause());
          return;
        }
        latency.recordValue(System.nanoTime() - start);
        completed++;
        completeWhenIdle();
      });
    }

    private void completeWhenIdle() {
      if (!issuing && outstanding == 0) {
        done.tryComplete(completed);
      }
    }
  }
}

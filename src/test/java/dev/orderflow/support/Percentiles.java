package dev.orderflow.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of the benchmarks' latency samples. */
public final class Percentiles {

  private Percentiles() {
  }

  /** The value below which {@code fraction} of {@code values} lie (nearest rank); {@code values} need not be sorted. */
  public static long of(List<Long> values, double fraction) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.round(fraction * (sorted.size() - 1))));
  }
}

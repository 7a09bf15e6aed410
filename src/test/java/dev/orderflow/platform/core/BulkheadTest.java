package dev.orderflow.platform.core;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Bulkhead: a bounded number of calls in flight, a bounded queue, fail fast beyond")
class BulkheadTest {

  private final List<Promise<String>> started = new ArrayList<>();

  /** Work that starts (and is recorded as started) when the bulkhead runs it, and ends when the test says so. */
  private Future<String> work() {
    Promise<String> promise = Promise.promise();
    started.add(promise);
    return promise.future();
  }

  @Test
  @DisplayName("runs up to maxConcurrent at once, queues up to maxQueued in order, refuses the next at once")
  void boundsInFlightAndQueued() {
    Bulkhead bulkhead = new Bulkhead(2, 1);

    Future<String> first = bulkhead.run(this::work);
    Future<String> second = bulkhead.run(this::work);
    Future<String> queued = bulkhead.run(this::work);
    Future<String> refused = bulkhead.run(this::work);

    assertThat(started).hasSize(2);
    assertThat(bulkhead.running()).isEqualTo(2);
    assertThat(bulkhead.queued()).isEqualTo(1);
    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(Bulkhead.Full.class).hasMessageContaining("2 calls in flight and 1 waiting");
    assertThat(queued.isComplete()).isFalse();

    started.get(0).complete("one");

    assertThat(first.result()).isEqualTo("one");
    assertThat(started).as("the queued call starts when a place frees up").hasSize(3);
    assertThat(bulkhead.running()).isEqualTo(2);
    assertThat(bulkhead.queued()).isZero();

    started.get(2).complete("three");
    started.get(1).complete("two");

    assertThat(queued.result()).isEqualTo("three");
    assertThat(second.result()).isEqualTo("two");
    assertThat(bulkhead.running()).isZero();
  }

  @Test
  @DisplayName("a failed or throwing call frees its place like a successful one, and its failure reaches its caller")
  void failuresFreeTheirPlace() {
    Bulkhead bulkhead = new Bulkhead(1, 1);

    Future<String> throwing = bulkhead.run(() -> {
      throw new IllegalStateException("boom");
    });
    Future<String> failing = bulkhead.run(this::work);
    Future<String> queued = bulkhead.run(this::work);

    assertThat(throwing.cause()).hasMessage("boom");
    assertThat(started).hasSize(1);
    started.get(0).fail(new IllegalStateException("provider down"));

    assertThat(failing.cause()).hasMessage("provider down");
    assertThat(started).hasSize(2);
    started.get(1).complete("ok");
    assertThat(queued.result()).isEqualTo("ok");
    assertThat(bulkhead.running()).isZero();
    assertThat(bulkhead.queued()).isZero();
  }

  @Test
  @DisplayName("with no queue, the call beyond maxConcurrent fails at once")
  void noQueue() {
    Bulkhead bulkhead = new Bulkhead(1, 0);

    bulkhead.run(this::work);

    assertThat(bulkhead.run(this::work).cause()).isInstanceOf(Bulkhead.Full.class);
    assertThatThrownBy(() -> new Bulkhead(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.orderflow.gateway;

import dev.orderflow.support.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The leasing arithmetic of cluster rate limits, with two gateway instances sharing one real Vert.x
 * shared-data map (a local one here: compare-and-set behaves the same; ClusterRateLimitIT runs it over
 * Hazelcast across two JVMs).
 */
@DisplayName("Leased rate limits: instances serve from chunks of a shared bucket, within the burst plus one chunk each, and give back what they did not spend")
class LeasedBucketTest {

  private static final Limit TWENTY = new Limit(0.001, 20);
  private static final int CHUNK = 5;

  private Vertx vertx;
  private AsyncMap<String, String> map;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    map = vertx.sharedData().<String, String>getLocalAsyncMap("ratelimit-test").await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("the bucket state refills at the rate up to the burst, grants whole tokens, and a clock behind refills nothing")
  void bucketState() {
    Limit limit = new Limit(2, 10);
    BucketState absent = BucketState.parse(null, limit, 1_000);
    assertThat(absent).isEqualTo(new BucketState(10, 1_000));
    BucketState spent = absent.minus(absent.grantable(8));
    assertThat(spent.tokens()).isEqualTo(2);
    assertThat(spent.refilled(limit, 2_250).tokens()).isCloseTo(4.5, within(1e-9));
    assertThat(spent.refilled(limit, 2_250).grantable(9)).isEqualTo(4);
    assertThat(spent.refilled(limit, 60_000).tokens()).as("never above the burst").isEqualTo(10);
    assertThat(spent.refilled(limit, 500)).as("a clock behind").isEqualTo(spent);
    assertThat(spent.plus(20, limit).tokens()).isEqualTo(10);
    assertThat(BucketState.parse(spent.encode(), limit, 0)).isEqualTo(spent);
  }

  @Test
  @DisplayName("the lease size is the setting, at most a quarter of the burst; the fallback is the limit shared among the members")
  void chunkAndFairShare() {
    LeasedBuckets buckets = new LeasedBuckets(new ClusterBudget(map), 10, () -> 3);
    assertThat(buckets.chunkFor(new Limit(100, 200))).isEqualTo(10);
    assertThat(buckets.chunkFor(new Limit(10, 20))).isEqualTo(5);
    assertThat(buckets.chunkFor(new Limit(0.01, 3))).isEqualTo(1);
    TokenBucket share = buckets.fairShare(new Limit(30, 60), 0);
    assertThat(share.limit()).isEqualTo(20);
  }

  @Test
  @DisplayName("two instances hammered in turn admit the burst, at most one chunk each beyond it, never twice the burst")
  void twoInstancesShareOneBucket() {
    LeasedBuckets instanceA = new LeasedBuckets(new ClusterBudget(map), CHUNK, () -> 2);
    LeasedBuckets instanceB = new LeasedBuckets(new ClusterBudget(map), CHUNK, () -> 2);
    int admitted = onContext(() -> hammer(instanceA.create("client|c1", TWENTY, System.nanoTime()),
      instanceB.create("client|c1", TWENTY, System.nanoTime()), 400));
    assertThat(admitted).isBetween(20, 20 + 2 * CHUNK);
    assertThat(tokens("client|c1")).as("the shared bucket is spent").isLessThan(1);
  }

  @Test
  @DisplayName("an instance that goes quiet gives back the tokens of its chunk, and the other instance can spend them")
  void unspentTokensGoBack() {
    LeasedBuckets instanceA = new LeasedBuckets(new ClusterBudget(map), CHUNK, () -> 2);
    LeasedBuckets instanceB = new LeasedBuckets(new ClusterBudget(map), CHUNK, () -> 2);
    LeasedBucket onA = (LeasedBucket) instanceA.create("client|c2", TWENTY, System.nanoTime());
    onContext(() -> takeAndWait(onA, 1));
    onContext(() -> takeAndWait(onA, 3));
    assertThat(onA.held()).as("a chunk leased, four spent, topped up again").isEqualTo(CHUNK);
    double before = tokens("client|c2");
    long heldOnA = onA.held();
    onContext(() -> {
      assertThat(onA.settle(System.nanoTime() + TimeUnit.SECONDS.toNanos(2))).as("not forgotten before its refill time").isFalse();
      return Future.succeededFuture(0);
    });
    Await.until("A gave back its chunk", Duration.ofSeconds(5), () -> tokens("client|c2") >= before + heldOnA);
    assertThat(onA.held()).isZero();

    int admittedOnB = onContext(() -> hammer(instanceB.create("client|c2", TWENTY, System.nanoTime()), null, 200));
    assertThat(admittedOnB).as("all the shared bucket's tokens, those A gave back included").isBetween(16, 16 + CHUNK);
  }

  /** Calls {@code work} on a Vert.x context, as the gateway verticle's event loop does, and waits for its result. */
  private <T> T onContext(Supplier<Future<T>> work) {
    Promise<T> result = Promise.promise();
    vertx.runOnContext(ignored -> work.get().onComplete(result));
    return result.future().timeout(30, TimeUnit.SECONDS).await();
  }

  /** Takes from {@code a} and {@code b} in turn, one request per millisecond each; counts the admitted. */
  private Future<Integer> hammer(ClientBucket a, ClientBucket b, int rounds) {
    Promise<Integer> done = Promise.promise();
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger round = new AtomicInteger();
    vertx.setPeriodic(1, timer -> {
      long now = System.nanoTime();
      admitted.addAndGet((a.tryTake(now) ? 1 : 0) + (b != null && b.tryTake(now) ? 1 : 0));
      if (round.incrementAndGet() == rounds) {
        vertx.cancelTimer(timer);
        done.complete(admitted.get());
      }
    });
    return done.future();
  }

  private double tokens(String key) {
    return BucketState.parse(map.get(key).await(), TWENTY, 0).tokens();
  }

  /** Takes {@code count} tokens, then waits until the lease it started has filled the chunk again. */
  private Future<Integer> takeAndWait(LeasedBucket bucket, int count) {
    for (int i = 0; i < count; i++) {
      bucket.tryTake(System.nanoTime());
    }
    Promise<Integer> done = Promise.promise();
    vertx.setPeriodic(1, timer -> {
      if (bucket.held() == CHUNK) {
        vertx.cancelTimer(timer);
        done.complete(count);
      }
    });
    return done.future();
  }
}

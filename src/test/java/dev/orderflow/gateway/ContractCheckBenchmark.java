package dev.orderflow.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

import java.lang.management.ManagementFactory;
import java.util.Objects;

/**
 * The contract check of an order body, alone: the time per body of the gateway's schema validator for
 * the body of {@code POST /api/v1/orders} that bench/acceptance.sh posts, in rounds of validations on
 * one thread. The first rounds give the JIT its time; the last round is the figure.
 * {@code bench/contract-check.sh} runs it with and without {@code -XX:-DontCompileHugeMethods}.
 * Arguments: rounds, validations per round.
 */
public final class ContractCheckBenchmark {

  /** The operation id of {@code POST /api/v1/orders} in openapi.json. */
  private static final String PLACE_ORDER = "placeOrderV1";
  private static final JsonObject ORDER_BODY = new JsonObject(
    "{\"items\":[{\"sku\":\"MUG-0001\",\"quantity\":1}],\"paymentToken\":\"tok_visa\"}");

  private ContractCheckBenchmark() {
  }

  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]);
    int perRound = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract = OpenAPIContract.from(vertx, new ApiContract().forRequestValidation()).await();
      Operation placeOrder = Objects.requireNonNull(contract.operation(PLACE_ORDER), "no operation " + PLACE_ORDER + " in openapi.json");
      Validator validator = contract.getSchemaRepository().validator(placeOrder.getRequestBody().getContent().get("application/json").getSchema());
      System.out.printf("contract check of the order body, %d rounds of %d validations on one thread%n", rounds, perRound);
      for (int round = 1; round <= rounds; round++) {
        long cpu = threadCpuNanos();
        long started = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          if (!validator.validate(ORDER_BODY.copy()).getValid()) {
            throw new IllegalStateException("the benchmark's order body does not fit the contract");
          }
        }
        System.out.printf("round %d: %.2f µs per body (wall), %.2f µs of this thread's CPU%n", round,
          (System.nanoTime() - started) / 1e3 / perRound, (threadCpuNanos() - cpu) / 1e3 / perRound);
      }
    } finally {
      vertx.close().await();
    }
  }

  private static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}

package dev.orderflow.payments;

import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.bus.ServiceFailure;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Calls the payments service of a test instance over the event bus, as another module would, and waits for the outcome. */
final class PaymentsBus {

  /** Longer than any charge of the tests takes with all its retries. */
  private static final long REQUEST_TIMEOUT_MS = 20_000;

  private final ServiceClient services;

  PaymentsBus(TestInstance orderflow) {
    this.services = orderflow.instance().platform().services();
  }

  /** A reply, or the failure the caller's ServiceClient turned the bus failure into. */
  record Outcome(JsonObject reply, ServiceFailure failure) {
    JsonObject ok() {
      if (failure != null) {
        throw new AssertionError("expected a reply, got " + failure.kind() + ": " + failure.getMessage());
      }
      return reply;
    }

    ServiceFailure failed() {
      if (failure == null) {
        throw new AssertionError("expected a failure, got " + reply.encode());
      }
      return failure;
    }
  }

  Outcome charge(String orderId, String amount, String token) {
    return call("charge", new JsonObject().put("orderId", orderId).put("amount", amount).put("currency", "EUR").put("token", token));
  }

  Outcome refund(String orderId) {
    return call("refund", new JsonObject().put("orderId", orderId));
  }

  JsonObject payments(String orderId) {
    return call("list-payments", new JsonObject().put("orderId", orderId)).ok();
  }

  /** The one recorded payment of an order. */
  JsonObject payment(String orderId) {
    return payments(orderId).getJsonArray("payments").getJsonObject(0);
  }

  JsonObject totals() {
    return call("totals", new JsonObject()).ok();
  }

  Outcome call(String action, JsonObject body) {
    try {
      return new Outcome(services.request("payments", action, body, "test-" + UUID.randomUUID(), REQUEST_TIMEOUT_MS)
        .toCompletionStage().toCompletableFuture().get(REQUEST_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS), null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ServiceFailure failure) {
        return new Outcome(null, failure);
      }
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (TimeoutException e) {
      throw new AssertionError(action + " got no outcome", e);
    }
  }
}

package dev.orderflow.checkout;

import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.bus.ServiceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;

/**
 * The checkout's domain steps and what their answers mean, shared by the saga and the synchronous
 * twin: reserve stock, charge, confirm; and the compensations refund, release, cancel. Every call
 * is keyed by the order id and idempotent, so a step run twice (after a crash) has one effect.
 */
final class CheckoutSteps {

  private final ServiceClient services;
  private final long paymentTimeoutMs;

  CheckoutSteps(ServiceClient services, long paymentTimeoutMs) {
    this.services = services;
    this.paymentTimeoutMs = paymentTimeoutMs;
  }

  Future<StepOutcome> run(Saga saga) {
    return switch (saga.step()) {
      case RESERVE -> reserve(saga);
      case CHARGE -> charge(saga);
      case CONFIRM -> confirm(saga);
      case REFUND -> call(saga, CheckoutContract.PAYMENTS, CheckoutContract.REFUND, orderOnly(saga), paymentTimeoutMs);
      case RELEASE -> call(saga, CheckoutContract.INVENTORY, CheckoutContract.RELEASE, orderOnly(saga), 0);
      case CANCEL_ORDER -> call(saga, CheckoutContract.ORDERS, CheckoutContract.CANCEL_ORDER, orderWithCause(saga).put("reason", saga.reason()), 0);
      case DONE -> Future.succeededFuture(StepOutcome.done("nothing left to do"));
    };
  }

  private Future<StepOutcome> reserve(Saga saga) {
    return call(saga, CheckoutContract.INVENTORY, CheckoutContract.RESERVE, orderOnly(saga).put("lines", saga.lines()), 0)
      .recover(failure -> Future.succeededFuture(refusedOrTransient(failure, CheckoutContract.OUT_OF_STOCK)));
  }

  /**
   * Asks orders for the payment token, then charges. Orders refuses the token (409) once the
   * customer asked to cancel, so such an order is never charged; an unanswered ask is transient.
   * An order of free items has nothing to charge: the provider is not asked (it takes no zero amount).
   */
  private Future<StepOutcome> charge(Saga saga) {
    if (new BigDecimal(saga.amount()).signum() == 0) {
      return Future.succeededFuture(StepOutcome.done("nothing to charge"));
    }
    return services.request(CheckoutContract.ORDERS, CheckoutContract.PAYMENT_TOKEN, orderOnly(saga), saga.correlationId())
      .transform(token -> token.succeeded()
        ? chargeWith(saga, token.result().getString("paymentToken"))
        : Future.succeededFuture(refusedOrTransient(token.cause(), kindOf(token.cause()) == ServiceFailure.Kind.CONFLICT
          ? CheckoutContract.CANCELLED_BY_CUSTOMER
          : CheckoutContract.PAYMENT_UNAVAILABLE)));
  }

  private Future<StepOutcome> chargeWith(Saga saga, String token) {
    JsonObject charge = orderOnly(saga).put("amount", saga.amount()).put("currency", saga.currency()).put("token", token);
    return services.request(CheckoutContract.PAYMENTS, CheckoutContract.CHARGE, charge, saga.correlationId(), paymentTimeoutMs)
      .map(payment -> CheckoutContract.CAPTURED.equals(payment.getString("status"))
        ? StepOutcome.done("captured " + payment.getString("chargeId"))
        : StepOutcome.refused(CheckoutContract.PAYMENT_DECLINED, "declined: " + payment.getString("reason")))
      .recover(failure -> Future.succeededFuture(kindOf(failure) == ServiceFailure.Kind.TIMEOUT
        ? StepOutcome.refused(CheckoutContract.TIMEOUT, failure.getMessage())
        : StepOutcome.refused(CheckoutContract.PAYMENT_UNAVAILABLE, failure.getMessage())));
  }

  private Future<StepOutcome> confirm(Saga saga) {
    return call(saga, CheckoutContract.ORDERS, CheckoutContract.CONFIRM_ORDER, orderWithCause(saga), 0)
      .recover(failure -> Future.succeededFuture(refusedOrTransient(failure, CheckoutContract.CANCELLED_BY_CUSTOMER)));
  }

  /** Calls a step's service; a refusal or fault fails the future (compensations retry on any failure). */
  private Future<StepOutcome> call(Saga saga, String service, String action, JsonObject body, long timeoutMs) {
    Future<JsonObject> reply = timeoutMs > 0
      ? services.request(service, action, body, saga.correlationId(), timeoutMs)
      : services.request(service, action, body, saga.correlationId());
    return reply.map(done -> StepOutcome.done(service + " " + action + " ok"));
  }

  private static StepOutcome refusedOrTransient(Throwable failure, String reasonWhenRefused) {
    ServiceFailure.Kind kind = kindOf(failure);
    if (kind == ServiceFailure.Kind.UNAVAILABLE || kind == ServiceFailure.Kind.TIMEOUT) {
      return StepOutcome.transientFailure(failure.getMessage());
    }
    return StepOutcome.refused(reasonWhenRefused, failure.getMessage());
  }

  private static ServiceFailure.Kind kindOf(Throwable failure) {
    return failure instanceof ServiceFailure service ? service.kind() : null;
  }

  private static JsonObject orderOnly(Saga saga) {
    return new JsonObject().put("orderId", saga.orderId());
  }

  /** The order, and the event that began the saga: the cause of the event confirming or cancelling the order. */
  private static JsonObject orderWithCause(Saga saga) {
    JsonObject order = orderOnly(saga);
    return saga.causationId() == null ? order : order.put("causationId", saga.causationId());
  }
}

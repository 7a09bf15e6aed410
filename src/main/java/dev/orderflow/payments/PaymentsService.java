package dev.orderflow.payments;

import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges and refunds, each at most once per order: the payment is recorded before the provider is
 * called, the provider dedupes on the order's idempotency keys, and a payment whose outcome is
 * already known is answered from the record without calling the provider again.
 */
final class PaymentsService {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentsService.class);
  private static final String CHARGES = "/v1/charges";
  private static final String REFUNDS = "/v1/refunds";

  private final PaymentsStore store;
  private final ProviderCalls provider;

  PaymentsService(PaymentsStore store, ProviderCalls provider) {
    this.store = store;
    this.provider = provider;
  }

  Future<JsonObject> charge(ChargeRequest request, String correlationId) {
    return store.begin(request).compose(begun -> {
      Payment payment = begun.payment();
      if (!begun.isNew() && !payment.sameChargeAs(request)) {
        return Future.failedFuture(new Refusal(409, "orderId: already has a payment of another amount, currency or token"));
      }
      if (payment.settled()) {
        LOG.info("charge {} answered from the record: {} correlationId={}", payment.orderId(), payment.status(), correlationId);
        return Future.succeededFuture(payment);
      }
      // a PENDING found here belongs to a call in flight or one cut short: treat it as uncertain
      return chargeAtProvider(payment, !begun.isNew() && payment.uncertain(), correlationId);
    }).map(Payment::outcome);
  }

  /**
   * Refunds a captured charge once, and calls off any charge that has not begun yet. An uncertain
   * charge is first resolved by sending the identical charge again under its idempotency key: the
   * provider answers what it did, or does it now.
   */
  Future<JsonObject> refund(String orderId, String correlationId) {
    return store.callOff(orderId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(nothingToRefund(orderId));
      }
      Payment payment = found.get();
      Future<Payment> resolved = payment.uncertain() ? chargeAtProvider(payment, true, correlationId) : Future.succeededFuture(payment);
      return resolved.compose(known -> switch (known.status()) {
        case PaymentsContract.CAPTURED -> refundAtProvider(known, correlationId).map(Payment::outcome);
        case PaymentsContract.REFUNDED -> Future.succeededFuture(known.outcome());
        default -> Future.succeededFuture(nothingToRefund(orderId));
      });
    });
  }

  Future<JsonObject> listPayments(String orderId) {
    return store.find(orderId).map(found -> new JsonObject().put("orderId", orderId)
      .put("payments", found.map(payment -> new JsonArray().add(payment.toListJson())).orElseGet(JsonArray::new)));
  }

  Future<JsonObject> totals() {
    return store.totals();
  }

  private Future<Payment> chargeAtProvider(Payment payment, boolean uncertainBefore, String correlationId) {
    ChargeRequest request = payment.chargeRequest();
    return provider.post(CHARGES, "charge-" + payment.orderId(), request.toProviderJson(), correlationId)
      .compose(answer -> recordChargeAnswer(payment.orderId(), answer, correlationId),
        failure -> recordChargeFailure(payment.orderId(), (ProviderFailure) failure, uncertainBefore));
  }

  private Future<Payment> recordChargeAnswer(String orderId, ProviderAnswer answer, String correlationId) {
    if (answer.succeeded()) {
      return store.markCaptured(orderId, answer.body().getString("id")).onSuccess(captured -> logged(captured, correlationId));
    }
    if (answer.declined()) {
      return store.markDeclined(orderId, answer.body().getString("declineReason", "declined")).onSuccess(declined -> logged(declined, correlationId));
    }
    String reason = "payment provider refused the charge: " + answer.refusal();
    return store.markFailed(orderId, reason).compose(recorded -> Future.failedFuture(new Refusal(422, reason)));
  }

  /**
   * UNKNOWN when the provider may have charged (this call or an earlier one was cut short),
   * FAILED when every attempt was definitely not processed. A payment settled meanwhile by a
   * concurrent call stays settled and is the answer.
   */
  private Future<Payment> recordChargeFailure(String orderId, ProviderFailure failure, boolean uncertainBefore) {
    Future<Payment> recorded = failure.uncertain() || uncertainBefore
      ? store.markUnknown(orderId, failure.getMessage())
      : store.markFailed(orderId, failure.getMessage());
    return recorded.compose(payment -> payment.settled()
      ? Future.succeededFuture(payment)
      : Future.failedFuture(new Refusal(failure.busCode(), failure.getMessage())));
  }

  private Future<Payment> refundAtProvider(Payment payment, String correlationId) {
    JsonObject body = new JsonObject().put("chargeId", payment.chargeId());
    return provider.post(REFUNDS, "refund-" + payment.orderId(), body, correlationId)
      .recover(failure -> Future.failedFuture(new Refusal(((ProviderFailure) failure).busCode(), failure.getMessage())))
      .compose(answer -> answer.succeeded()
        ? store.markRefunded(payment.orderId(), answer.body().getString("id")).onSuccess(refunded -> logged(refunded, correlationId))
        : Future.failedFuture(new Refusal(409, "payment provider refused the refund: " + answer.refusal())));
  }

  /** The business event: one line per payment captured, declined or refunded. */
  private static void logged(Payment payment, String correlationId) {
    LOG.atInfo().addKeyValue(Correlation.LOG_FIELD, correlationId)
      .log("payment of order {} {} correlationId={}", payment.orderId(), payment.status(), correlationId);
  }

  private static JsonObject nothingToRefund(String orderId) {
    return new JsonObject().put("orderId", orderId).put("status", PaymentsContract.NOTHING_TO_REFUND);
  }
}

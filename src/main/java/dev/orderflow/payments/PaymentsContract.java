package dev.orderflow.payments;

/** What payments provides (service, address, actions, payment states) and requires (the provider's record). */
final class PaymentsContract {

  static final String SERVICE = "payments";
  static final String ADDRESS = "payments.requests";
  static final String CHARGE = "charge";
  static final String REFUND = "refund";
  static final String LIST_PAYMENTS = "list-payments";
  static final String TOTALS = "totals";

  /** The HTTP-endpoint discovery record of the payment service provider. */
  static final String PROVIDER_RECORD = "payment-provider";

  static final String PENDING = "PENDING";
  static final String CAPTURED = "CAPTURED";
  static final String DECLINED = "DECLINED";
  static final String REFUNDED = "REFUNDED";
  /** Every attempt got a definite "not processed" answer: nothing was charged. */
  static final String FAILED = "FAILED";
  /** An attempt timed out: the provider may have charged; a refund or a repeated charge resolves it. */
  static final String UNKNOWN = "UNKNOWN";
  /** A refund's answer when there is no captured charge to give back. */
  static final String NOTHING_TO_REFUND = "NOTHING_TO_REFUND";

  private PaymentsContract() {
  }
}

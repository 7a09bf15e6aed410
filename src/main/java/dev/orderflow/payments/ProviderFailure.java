package dev.orderflow.payments;

/**
 * A provider call that produced no answer, or a 5xx. {@link #uncertain} says whether the provider
 * may nevertheless have done the work (a timed-out request may have been processed after we gave
 * up); {@link #retryable} whether trying again with the same idempotency key is worth it.
 */
final class ProviderFailure extends RuntimeException {

  private final boolean uncertain;
  private final boolean retryable;

  ProviderFailure(String message, boolean uncertain, boolean retryable) {
    super(message, null, false, false);
    this.uncertain = uncertain;
    this.retryable = retryable;
  }

  boolean uncertain() {
    return uncertain;
  }

  boolean retryable() {
    return retryable;
  }

  /** The same failure, marked uncertain when an earlier attempt of the same call was. */
  ProviderFailure afterEarlierAttempts(boolean earlierUncertain) {
    return earlierUncertain && !uncertain
      ? new ProviderFailure(getMessage() + "; an earlier attempt timed out, the outcome is unknown", true, retryable)
      : this;
  }

  /** The bus failure code: 504 when the outcome is unknown because the provider did not answer in time, else 503. */
  int busCode() {
    return uncertain ? 504 : 503;
  }
}

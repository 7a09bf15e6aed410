package dev.orderflow.checkout;

/**
 * What became of one step: done; refused for good (the saga compensates with {@code reason});
 * or failed in a way worth trying again (a dependency down or slow).
 */
record StepOutcome(Kind kind, String reason, String detail) {

  enum Kind { DONE, REFUSED, TRANSIENT }

  static StepOutcome done(String detail) {
    return new StepOutcome(Kind.DONE, null, detail);
  }

  static StepOutcome refused(String reason, String detail) {
    return new StepOutcome(Kind.REFUSED, reason, detail);
  }

  static StepOutcome transientFailure(String detail) {
    return new StepOutcome(Kind.TRANSIENT, null, detail);
  }
}

package dev.orderflow.checkout;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * The persisted state of one order's checkout: where it is (state and step), why it compensates,
 * what it needs to run its steps again after a restart, and how often the current step failed;
 * and which instance drives it ({@code owner}) until when ({@code leaseUntil}, epoch ms), renewed
 * while it drives: a saga whose lease passed belongs to an instance that is gone, and another takes it over.
 */
record Saga(String orderId, String customerId, String orchestration, State state, Step step, String reason,
            JsonArray lines, String amount, String currency, String correlationId, String causationId,
            long deadlineAt, int attempts, String lastError, int historySize, long createdAt, long updatedAt,
            String owner, long leaseUntil) {

  /**
   * The {@code deadlineAt} of a step not yet asked of its participant: its clock starts when the
   * request is sent, so that time spent waiting inside the checkout (for a place among the running
   * sagas, say) never counts against the participant's answer.
   */
  static final long CLOCK_NOT_STARTED = 0;
  /** The {@code leaseUntil} of a saga nobody needs to drive (settled) or not yet stored. */
  static final long NO_LEASE = 0;

  enum State { RUNNING, COMPENSATING, PARKED, CONFIRMED, CANCELLED }

  /** Forward steps, then compensations in the order they run: undo the charge, then the reservation, then cancel. */
  enum Step {
    RESERVE, CHARGE, CONFIRM, REFUND, RELEASE, CANCEL_ORDER, DONE;

    /**
     * Whether a passed deadline turns the saga back at this step. Not at CONFIRM, the pivot: the
     * money is taken and a confirm that timed out may have happened, so it is retried until the
     * order answers, and only the order's own refusal (a customer cancel) turns the saga back.
     */
    boolean hasDeadline() {
      return this == RESERVE || this == CHARGE;
    }
  }

  /**
   * A saga at its first step, from an order as the orders service describes it. {@code causationId}
   * is the id of the OrderPlaced event it answers (null for a synchronous checkout, which a request
   * causes): the events of its confirm and cancel name it as their cause.
   */
  static Saga begin(OrderPlaced order, String correlationId, String causationId, long deadlineAt, long now) {
    return new Saga(order.orderId(), order.customerId(), order.orchestration(), State.RUNNING, Step.RESERVE, null,
      order.lines(), order.total(), order.currency(), correlationId, causationId, deadlineAt, 0, null, 0, now, now, null, NO_LEASE);
  }

  /** Whether {@code instance} is this saga's owner. */
  boolean ownedBy(String instance) {
    return instance.equals(owner);
  }

  /** The owner as logs and the history name it: {@code unknown} for a saga stored before sagas had owners. */
  String ownerName() {
    return owner == null ? "unknown" : owner;
  }

  /** Whether its owner's lease still runs at {@code now}: the owner is alive, or was within the lease. */
  boolean leased(long now) {
    return leaseUntil > now;
  }

  /** The saga as {@code instance} holds it: its owner until {@code until}. */
  Saga leasedTo(String instance, long until) {
    return new Saga(orderId, customerId, orchestration, state, step, reason, lines, amount, currency,
      correlationId, causationId, deadlineAt, attempts, lastError, historySize, createdAt, updatedAt, instance, until);
  }

  boolean settled() {
    return state == State.CONFIRMED || state == State.CANCELLED || state == State.PARKED;
  }

  Saga advance(Step next, long newDeadlineAt, long now) {
    return new Saga(orderId, customerId, orchestration, State.RUNNING, next, reason, lines, amount, currency,
      correlationId, causationId, newDeadlineAt, 0, null, historySize, createdAt, now, owner, leaseUntil);
  }

  /** Turns back: the first compensation undoes the furthest step that may have had an effect. */
  Saga compensate(String why, long now) {
    Step first = step == Step.RESERVE ? Step.RELEASE : Step.REFUND;
    return new Saga(orderId, customerId, orchestration, State.COMPENSATING, first, why, lines, amount, currency,
      correlationId, causationId, deadlineAt, 0, null, historySize, createdAt, now, owner, leaseUntil);
  }

  Saga nextCompensation(long now) {
    Step next = switch (step) {
      case REFUND -> Step.RELEASE;
      case RELEASE -> Step.CANCEL_ORDER;
      default -> Step.DONE;
    };
    State newState = next == Step.DONE ? State.CANCELLED : State.COMPENSATING;
    return new Saga(orderId, customerId, orchestration, newState, next, reason, lines, amount, currency,
      correlationId, causationId, deadlineAt, 0, null, historySize, createdAt, now, owner, leaseUntil);
  }

  Saga confirmed(long now) {
    return new Saga(orderId, customerId, orchestration, State.CONFIRMED, Step.DONE, reason, lines, amount, currency,
      correlationId, causationId, deadlineAt, 0, null, historySize, createdAt, now, owner, leaseUntil);
  }

  /** The step's clock started: its participant has until {@code deadline} to answer, over all its tries. */
  Saga withDeadline(long deadline) {
    return new Saga(orderId, customerId, orchestration, state, step, reason, lines, amount, currency,
      correlationId, causationId, deadline, attempts, lastError, historySize, createdAt, updatedAt, owner, leaseUntil);
  }

  boolean clockStarted() {
    return deadlineAt != CLOCK_NOT_STARTED;
  }

  Saga failedAttempt(String error, long now) {
    return new Saga(orderId, customerId, orchestration, state, step, reason, lines, amount, currency,
      correlationId, causationId, deadlineAt, attempts + 1, error, historySize, createdAt, now, owner, leaseUntil);
  }

  Saga parked(long now) {
    return new Saga(orderId, customerId, orchestration, State.PARKED, step, reason, lines, amount, currency,
      correlationId, causationId, deadlineAt, attempts, lastError, historySize, createdAt, now, owner, leaseUntil);
  }

  /** A parked saga taken up again by an operator: its compensation starts over its tries. */
  Saga resumed(long now) {
    return new Saga(orderId, customerId, orchestration, State.COMPENSATING, step, reason, lines, amount, currency,
      correlationId, causationId, deadlineAt, 0, lastError, historySize, createdAt, now, owner, leaseUntil);
  }

  Saga recorded() {
    return new Saga(orderId, customerId, orchestration, state, step, reason, lines, amount, currency,
      correlationId, causationId, deadlineAt, attempts, lastError, historySize + 1, createdAt, updatedAt, owner, leaseUntil);
  }

  /** The saga as the admin API shows it. */
  JsonObject toJson() {
    JsonObject json = new JsonObject().put("orderId", orderId).put("customerId", customerId).put("orchestration", orchestration)
      .put("state", state.name()).put("step", step.name()).put("amount", amount).put("currency", currency)
      .put("attempts", attempts)
      .put("createdAt", Instant.ofEpochMilli(createdAt).toString()).put("updatedAt", Instant.ofEpochMilli(updatedAt).toString());
    if (state == State.RUNNING && step.hasDeadline() && clockStarted()) {
      json.put("deadlineAt", Instant.ofEpochMilli(deadlineAt).toString());
    }
    if (reason != null) {
      json.put("reason", reason);
    }
    if (lastError != null) {
      json.put("lastError", lastError);
    }
    if (owner != null) {
      json.put("owner", owner);
    }
    if (!settled() && leaseUntil != NO_LEASE) {
      json.put("leaseUntil", Instant.ofEpochMilli(leaseUntil).toString());
    }
    return json;
  }
}

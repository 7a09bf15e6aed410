package dev.orderflow.checkout;

import dev.orderflow.checkout.Saga.State;
import dev.orderflow.checkout.Saga.Step;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A checkout saga: forward to confirmation, or back through refund, release and cancel")
class SagaTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final long DEADLINE = NOW + 30_000;

  @Test
  @DisplayName("a checkout begins by reserving the order's stock, running, with no tries yet")
  void aCheckoutBeginsAtReserve() {
    Saga saga = begun();

    assertThat(saga.state()).isEqualTo(State.RUNNING);
    assertThat(saga.step()).isEqualTo(Step.RESERVE);
    assertThat(saga.amount()).isEqualTo("28.20");
    assertThat(saga.lines()).hasSize(1);
    assertThat(saga.attempts()).isZero();
    assertThat(saga.settled()).isFalse();
  }

  @Test
  @DisplayName("advancing to the next step starts its tries afresh under a new deadline")
  void advancingResetsTriesAndDeadline() {
    Saga failedOnce = begun().failedAttempt("inventory timed out", NOW + 1);

    Saga charging = failedOnce.advance(Step.CHARGE, DEADLINE + 5_000, NOW + 2);

    assertThat(charging.state()).isEqualTo(State.RUNNING);
    assertThat(charging.step()).isEqualTo(Step.CHARGE);
    assertThat(charging.attempts()).isZero();
    assertThat(charging.lastError()).isNull();
    assertThat(charging.deadlineAt()).isEqualTo(DEADLINE + 5_000);
    assertThat(charging.updatedAt()).isEqualTo(NOW + 2);
  }

  @Test
  @DisplayName("a failed attempt is counted with its error, and the saga stays where it is")
  void aFailedAttemptIsCounted() {
    Saga saga = begun().failedAttempt("inventory timed out", NOW + 1).failedAttempt("inventory busy", NOW + 2);

    assertThat(saga.step()).isEqualTo(Step.RESERVE);
    assertThat(saga.attempts()).isEqualTo(2);
    assertThat(saga.lastError()).isEqualTo("inventory busy");
  }

  @Test
  @DisplayName("a checkout confirmed after the pivot is settled and done")
  void confirmingSettles() {
    Saga confirmed = begun().advance(Step.CHARGE, DEADLINE, NOW).advance(Step.CONFIRM, DEADLINE, NOW).confirmed(NOW + 3);

    assertThat(confirmed.state()).isEqualTo(State.CONFIRMED);
    assertThat(confirmed.step()).isEqualTo(Step.DONE);
    assertThat(confirmed.settled()).isTrue();
  }

  @Test
  @DisplayName("turned back while reserving, nothing was charged: the first compensation releases the stock")
  void compensatingAtReserveStartsWithRelease() {
    Saga compensating = begun().compensate("out of stock", NOW + 1);

    assertThat(compensating.state()).isEqualTo(State.COMPENSATING);
    assertThat(compensating.step()).isEqualTo(Step.RELEASE);
    assertThat(compensating.reason()).isEqualTo("out of stock");
  }

  @Test
  @DisplayName("turned back while charging or confirming, the charge may have happened: the first compensation refunds it")
  void compensatingAfterReserveStartsWithRefund() {
    Saga charging = begun().advance(Step.CHARGE, DEADLINE, NOW);
    Saga confirming = charging.advance(Step.CONFIRM, DEADLINE, NOW);

    assertThat(charging.compensate("payment declined", NOW + 1).step()).isEqualTo(Step.REFUND);
    assertThat(confirming.compensate("cancelled by the customer", NOW + 1).step()).isEqualTo(Step.REFUND);
  }

  @Test
  @DisplayName("compensations run refund → release → cancel the order, and then the checkout is cancelled")
  void compensationsRunInOrder() {
    Saga saga = begun().advance(Step.CHARGE, DEADLINE, NOW).compensate("payment declined", NOW + 1);
    List<Step> steps = new ArrayList<>(List.of(saga.step()));

    while (!saga.settled()) {
      saga = saga.nextCompensation(NOW + 2);
      steps.add(saga.step());
    }

    assertThat(steps).containsExactly(Step.REFUND, Step.RELEASE, Step.CANCEL_ORDER, Step.DONE);
    assertThat(saga.state()).isEqualTo(State.CANCELLED);
    assertThat(saga.reason()).as("the reason travels to the end").isEqualTo("payment declined");
  }

  @Test
  @DisplayName("a compensation that keeps failing is parked at its step with its tries and last error, and settles the saga")
  void aStuckCompensationIsParked() {
    Saga refunding = begun().advance(Step.CHARGE, DEADLINE, NOW).compensate("payment declined", NOW + 1)
      .failedAttempt("provider 503", NOW + 2);

    Saga parked = refunding.parked(NOW + 3);

    assertThat(parked.state()).isEqualTo(State.PARKED);
    assertThat(parked.step()).isEqualTo(Step.REFUND);
    assertThat(parked.attempts()).isEqualTo(1);
    assertThat(parked.lastError()).isEqualTo("provider 503");
    assertThat(parked.settled()).isTrue();
  }

  @Test
  @DisplayName("a parked saga resumed by an operator compensates again from its step, its tries started over")
  void aParkedSagaResumes() {
    Saga parked = begun().advance(Step.CHARGE, DEADLINE, NOW).compensate("payment declined", NOW + 1)
      .failedAttempt("provider 503", NOW + 2).parked(NOW + 3);

    Saga resumed = parked.resumed(NOW + 4);

    assertThat(resumed.state()).isEqualTo(State.COMPENSATING);
    assertThat(resumed.step()).isEqualTo(Step.REFUND);
    assertThat(resumed.attempts()).isZero();
    assertThat(resumed.lastError()).as("the operator still sees why it was parked").isEqualTo("provider 503");
    assertThat(resumed.settled()).isFalse();
  }

  @Test
  @DisplayName("only reserving and charging have a deadline; the pivot, confirm, is retried until the order answers")
  void onlyStepsBeforeThePivotHaveADeadline() {
    assertThat(Step.values()).filteredOn(Step::hasDeadline).containsExactly(Step.RESERVE, Step.CHARGE);
    assertThat(begun().toJson().getString("deadlineAt")).isEqualTo("2023-11-14T22:13:50Z");
    assertThat(begun().advance(Step.CONFIRM, DEADLINE, NOW).toJson().containsKey("deadlineAt")).isFalse();
  }

  @Test
  @DisplayName("each recorded transition counts one more history entry")
  void recordingCountsHistory() {
    assertThat(begun().recorded().recorded().historySize()).isEqualTo(2);
  }

  private static Saga begun() {
    OrderPlaced order = new OrderPlaced("order-1", "customer-1",
      new JsonArray().add(new JsonObject().put("sku", "MUG-0001").put("quantity", 2)), "28.20", "EUR", "orchestrated");
    return Saga.begin(order, "corr-1", "event-placed-1", DEADLINE, NOW);
  }
}

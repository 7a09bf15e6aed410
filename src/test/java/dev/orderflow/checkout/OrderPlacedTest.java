package dev.orderflow.checkout;

import dev.orderflow.support.EventContracts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkout's side of the OrderPlaced contract: its parser reads the sample that orders' schema validates (see ContractTest). */
class OrderPlacedTest {

  @Test
  @DisplayName("the OrderPlaced.v1 sample parses into the order checkout begins its saga with")
  void parsesTheContractSample() {
    OrderPlaced placed = OrderPlaced.fromEvent(EventContracts.sample(CheckoutContract.ORDER_PLACED));

    assertThat(placed.orderId()).isEqualTo("0b9e7a52-6c1d-4f3e-9a57-2f4c8d1e6b30");
    assertThat(placed.customerId()).isEqualTo("5f2d1c4e-8a3b-4e6f-b1d2-7c9e0a3f4b51");
    assertThat(placed.lines()).hasSize(1);
    assertThat(placed.total()).isEqualTo("25.00");
    assertThat(placed.currency()).isEqualTo("EUR");
    assertThat(placed.orchestration()).isEqualTo(CheckoutContract.SAGA_ORCHESTRATION);
  }

  @Test
  @DisplayName("it reads no field beyond those CheckoutContract declares: the sample cut down to them reads the same")
  void readsOnlyTheDeclaredFields() {
    assertThat(OrderPlaced.fromEvent(EventContracts.sampleCutToDeclared(CheckoutContract.ORDER_PLACED, CheckoutContract.REQUIRED_FIELDS)))
      .isEqualTo(OrderPlaced.fromEvent(EventContracts.sample(CheckoutContract.ORDER_PLACED)));
  }
}

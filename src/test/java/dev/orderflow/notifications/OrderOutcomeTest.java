package dev.orderflow.notifications;

import dev.orderflow.support.EventContracts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifications' side of the OrderConfirmed and OrderCancelled contracts: its reader on the samples that orders' schemas validate (see ContractTest). */
class OrderOutcomeTest {

  @Test
  @DisplayName("the OrderConfirmed.v1 sample reads as the confirmation message of its order")
  void readsTheConfirmedSample() {
    OrderOutcome outcome = OrderOutcome.from(NotificationsContract.ORDER_CONFIRMED,
      EventContracts.sample(NotificationsContract.ORDER_CONFIRMED)).orElseThrow();

    assertThat(outcome.orderId()).isEqualTo("0b9e7a52-6c1d-4f3e-9a57-2f4c8d1e6b30");
    assertThat(outcome.customerId()).isEqualTo("5f2d1c4e-8a3b-4e6f-b1d2-7c9e0a3f4b51");
    assertThat(outcome.kind()).isEqualTo(OrderOutcome.ORDER_CONFIRMED);
    assertThat(outcome.message()).isEqualTo("Your order 0b9e7a52-6c1d-4f3e-9a57-2f4c8d1e6b30 is confirmed: 25.00 EUR.");
  }

  @Test
  @DisplayName("the OrderCancelled.v1 sample reads as the cancellation message naming its reason")
  void readsTheCancelledSample() {
    OrderOutcome outcome = OrderOutcome.from(NotificationsContract.ORDER_CANCELLED,
      EventContracts.sample(NotificationsContract.ORDER_CANCELLED)).orElseThrow();

    assertThat(outcome.customerId()).isEqualTo("5f2d1c4e-8a3b-4e6f-b1d2-7c9e0a3f4b51");
    assertThat(outcome.kind()).isEqualTo(OrderOutcome.ORDER_CANCELLED);
    assertThat(outcome.message())
      .isEqualTo("Your order 0b9e7a52-6c1d-4f3e-9a57-2f4c8d1e6b30 was cancelled (OUT_OF_STOCK); any payment is refunded.");
  }

  @Test
  @DisplayName("they read no field beyond those NotificationsContract declares: each sample cut down to them reads the same")
  void readsOnlyTheDeclaredFields() {
    for (String type : new String[] {NotificationsContract.ORDER_CONFIRMED, NotificationsContract.ORDER_CANCELLED}) {
      assertThat(OrderOutcome.from(type, EventContracts.sampleCutToDeclared(type, NotificationsContract.REQUIRED_FIELDS))).as(type)
        .isEqualTo(OrderOutcome.from(type, EventContracts.sample(type)));
    }
  }

  @Test
  @DisplayName("an order event without customerId reads as nothing (the handler fails it)")
  void withoutCustomerReadsAsNothing() {
    JsonObject data = EventContracts.sample(NotificationsContract.ORDER_CONFIRMED);
    data.remove("customerId");

    assertThat(OrderOutcome.from(NotificationsContract.ORDER_CONFIRMED, data)).isEmpty();
  }
}

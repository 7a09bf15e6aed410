package dev.orderflow.notifications;

import dev.orderflow.support.EventContracts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifications' side of the CustomerRegistered contract: its reader on the sample that customers' schema validates (see ContractTest). */
class RegistrationTest {

  @Test
  @DisplayName("the CustomerRegistered.v1 sample reads as the customer to welcome, by name")
  void readsTheSample() {
    Registration registration = Registration.from(EventContracts.sample(NotificationsContract.CUSTOMER_REGISTERED)).orElseThrow();

    assertThat(registration.customerId()).isEqualTo("5f2d1c4e-8a3b-4e6f-b1d2-7c9e0a3f4b51");
    assertThat(registration.name()).isEqualTo("Ada Lovelace");
  }

  @Test
  @DisplayName("it reads no field beyond those NotificationsContract declares: the sample cut down to them reads the same")
  void readsOnlyTheDeclaredFields() {
    assertThat(Registration.from(EventContracts.sampleCutToDeclared(NotificationsContract.CUSTOMER_REGISTERED, NotificationsContract.REQUIRED_FIELDS)))
      .isEqualTo(Registration.from(EventContracts.sample(NotificationsContract.CUSTOMER_REGISTERED)));
  }
}

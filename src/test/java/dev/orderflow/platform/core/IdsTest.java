package dev.orderflow.platform.core;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Ids: a required id is a non-blank string of at most 64 characters")
class IdsTest {

  @Test
  @DisplayName("a present id of 1 to 64 characters is returned as it is")
  void acceptsAnId() {
    assertThat(Ids.required(new JsonObject().put("orderId", "o-1"), "orderId")).isEqualTo("o-1");
    assertThat(Ids.required(new JsonObject().put("orderId", "x".repeat(64)), "orderId")).hasSize(64);
  }

  @Test
  @DisplayName("a missing, blank, too long or non-string id is a 400 refusal naming the field")
  void refusesTheRest() {
    for (Object bad : new Object[] {null, "", "  ", "x".repeat(65), 42}) {
      assertThatThrownBy(() -> Ids.required(new JsonObject().put("orderId", bad), "orderId"))
        .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.code()).isEqualTo(400))
        .hasMessage("orderId: is required: a string of at most 64 characters");
    }
  }
}

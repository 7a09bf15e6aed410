package dev.orderflow.catalog;

import dev.orderflow.platform.core.Refusal;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A catalog item: an exact price in its currency, every broken rule a 400 naming its field")
class ItemTest {

  @Test
  @DisplayName("an item's price is scaled to its currency's digits and stored in minor units")
  void anItemIsPricedExactly() {
    Item item = Item.fromJson(mug().put("price", price("12.5", "EUR")));

    assertThat(item.price()).hasToString("12.50");
    assertThat(item.priceMinor()).isEqualTo(1250);
    assertThat(item.toJson().getJsonObject("price")).isEqualTo(price("12.50", "EUR"));
    assertThat(Item.fromRow("MUG-0001", "Enamel mug", "Blue, 350 ml", 1250, "EUR")).isEqualTo(item);
  }

  @Test
  @DisplayName("a free item is allowed: a price of zero")
  void aFreeItem() {
    assertThat(Item.fromJson(mug().put("price", price("0", "EUR"))).priceMinor()).isZero();
  }

  @Test
  @DisplayName("a negative price, a fraction of a cent, a decimal yen or a 13-digit price is refused")
  void aPriceIsRefused() {
    assertRefused(mug().put("price", price("-0.01", "EUR")), "price.amount: must be between 0 and 999999999999");
    assertRefused(mug().put("price", price("1.234", "EUR")), "price.amount: must be between 0 and 999999999999 with at most 2 decimals");
    assertRefused(mug().put("price", price("100.5", "JPY")), "price.amount: must be between 0 and 999999999999 with at most 0 decimals for JPY");
    assertRefused(mug().put("price", price("1000000000000", "EUR")), "price.amount: must be between");
    assertRefused(mug().put("price", price("twelve", "EUR")), "price.amount: must be a decimal number");
  }

  @Test
  @DisplayName("an unknown currency, or none, is refused")
  void aCurrencyIsRefused() {
    assertRefused(mug().put("price", price("12.50", "EURO")), "price.currency: must be an ISO 4217 currency code");
    assertRefused(mug().put("price", new JsonObject().put("amount", "12.50")), "price.currency:");
  }

  @Test
  @DisplayName("an item without a price, a name or a valid sku is refused")
  void requiredFieldsAreRefused() {
    assertRefused(mug().put("price", "12.50"), "price: is required");
    assertRefused(mug().put("name", " "), "name: is required");
    assertRefused(mug().put("sku", "-mug"), "sku: must be 1-64 letters");
    assertRefused(mug().put("sku", "M".repeat(65)), "sku: is required");
    assertRefused(mug().put("description", "d".repeat(2001)), "description: must be a string of at most 2000 characters");
  }

  private static JsonObject mug() {
    return new JsonObject().put("sku", "MUG-0001").put("name", "Enamel mug").put("description", "Blue, 350 ml")
      .put("price", price("12.50", "EUR"));
  }

  private static JsonObject price(String amount, String currency) {
    return new JsonObject().put("amount", amount).put("currency", currency);
  }

  private static void assertRefused(JsonObject json, String message) {
    assertThatThrownBy(() -> Item.fromJson(json)).isInstanceOfSatisfying(Refusal.class, refusal -> {
      assertThat(refusal.code()).isEqualTo(400);
      assertThat(refusal.getMessage()).startsWith(message);
    });
  }
}

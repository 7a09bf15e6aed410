package dev.orderflow.gateway;

import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Requests are validated against the OpenAPI contract before any module sees them")
class ContractValidationTest {

  @Test
  void contractViolationsAreProblemsNamingTheField() {
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway")) {
      Http http = orderflow.http();

      Http.Response wrongType = http.post("/api/v1/customers", "application/json", "{\"email\": 42, \"name\": \"Typed\"}");
      Http.Response missing = http.post("/api/v1/customers", "application/json", "{\"email\": \"a@example.com\"}");
      Http.Response badLimit = http.get("/api/v1/items?limit=1000");
      Http.Response badCurrency = http.putJson("/admin/catalog/items/CV-1", new JsonObject().put("name", "x").put("price", 1).put("currency", "eur"));

      assertThat(wrongType.status()).as("checked by the contract: customers does not even run here").isEqualTo(400);
      assertThat(wrongType.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("email");
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("name");
      assertThat(badLimit.status()).isEqualTo(400);
      assertThat(badLimit.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("limit");
      assertThat(badCurrency.status()).isEqualTo(400);
      assertThat(badCurrency.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("currency");
      assertThat(http.get("/api/v1/items/CV-1").status()).as("nothing was written").isEqualTo(404);
    }
  }
}

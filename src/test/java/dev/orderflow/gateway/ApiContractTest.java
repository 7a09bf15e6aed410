package dev.orderflow.gateway;

import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The OpenAPI contract: served, and checked against the routes at every start")
class ApiContractTest {

  @Test
  @DisplayName("a route without an operation, or an operation without a route, is reported")
  void differencesAreFound() {
    Set<String> routes = Set.of("GET /api/v1/items", "GET /api/v1/secret");
    Set<String> operations = Set.of("GET /api/v1/items", "DELETE /api/v1/items");

    assertThat(ApiContract.differences(routes, operations)).containsExactly(
      "contract without route: DELETE /api/v1/items", "route without contract: GET /api/v1/secret");
    assertThat(ApiContract.differences(operations, operations)).isEmpty();
  }

  @Test
  @DisplayName("the running gateway serves its OpenAPI 3.1 document and Swagger UI over it at /docs, without a CDN")
  void servedAndMatching() {
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway")) {
      Http.Response document = new Http(orderflow.http().baseUrl()).get("/openapi.json");

      assertThat(document.status()).isEqualTo(200);
      JsonObject contract = document.json();
      assertThat(contract.getString("openapi")).isEqualTo("3.1.0");
      assertThat(contract.getJsonObject("paths").fieldNames()).contains("/api/v1/items/{sku}", "/api/v1/customers",
        "/admin/dead-letters/{group}/{id}/redrive");

      Http docs = new Http(orderflow.http().baseUrl());
      Http.Response page = docs.get("/docs/");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("swagger-ui-bundle.js", "swagger-initializer.js");
      assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("'none';");
      assertThat(docs.get("/docs/swagger-initializer.js").body()).contains("url: \"/openapi.json\"");
      assertThat(docs.get("/docs/swagger-ui-bundle.js").status()).isEqualTo(200);
      assertThat(docs.get("/api/v1/items/MUG-0001").header("Content-Security-Policy")).startsWith("default-src 'none'");
    }
  }
}

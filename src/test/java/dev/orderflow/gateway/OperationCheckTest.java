package dev.orderflow.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("OperationCheck decides every request as vertx-openapi's own RequestValidator does, on the gateway's contract")
class OperationCheckTest {

  private static final List<String> VALUES = List.of("MUG-0001", "mug", "1.5", "-5", "42", "true", "tea-1", "null", "N-1", "NaN",
    "Infinity", "f00-1", "a\"b", "a\\b", "{}", "[1]", "{\"a\":1}", "x y", " x", "", "xéy", "A+b", "Z~", "a\tb", "\"quoted\"", "abc/*c*/",
    "PENDING", "PENDING-x", "true ", "null ", "false ", "true-1", "k".repeat(201));

  private static Vertx vertx;
  private static OpenAPIContract contract;
  private static RequestValidator library;

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    contract = OpenAPIContract.from(vertx, new ApiContract().forRequestValidation()).await();
    library = RequestValidator.create(vertx, contract);
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("path, query and header values, bare words, JSON look-alikes and escapes, give the library's outcome")
  void parameters() {
    Operation item = contract.findOperation("/api/v1/items/x", HttpMethod.GET);
    Operation orders = contract.findOperation("/api/v1/orders", HttpMethod.GET);
    Operation place = contract.findOperation("/api/v1/orders", HttpMethod.POST);
    Buffer order = Buffer.buffer("{\"items\":[{\"sku\":\"MUG-0001\",\"quantity\":1}],\"paymentToken\":\"tok\"}");
    for (String value : VALUES) {
      assertSameOutcome(item, request(Map.of(), Map.of("sku", value), Map.of(), null), value);
      assertSameOutcome(orders, request(Map.of(), Map.of(), Map.of("customerId", value, "status", "PENDING"), null), value);
      assertSameOutcome(orders, request(Map.of(), Map.of(), Map.of("status", value), null), value);
      assertSameOutcome(place, request(Map.of("Idempotency-Key", value), Map.of(), Map.of(), order), value);
    }
  }

  @Test
  @DisplayName("bodies: valid, wrong types, missing fields, not JSON, empty")
  void bodies() {
    Operation register = contract.findOperation("/api/v1/customers", HttpMethod.POST);
    for (String body : List.of("{\"email\":\"a@example.com\",\"name\":\"A\"}", "{\"email\":42,\"name\":\"A\"}", "{}", "[]", "\"x\"",
      "{not json", " ", "")) {
      assertSameOutcome(register, request(Map.of(), Map.of(), Map.of(), Buffer.buffer(body)), body);
    }
  }

  private static ValidatableRequest request(Map<String, String> headers, Map<String, String> path, Map<String, String> query, Buffer body) {
    return new ValidatableRequestImpl(Map.of(), parameters(headers), parameters(path), parameters(query),
      new RequestParameterImpl(body), body == null ? null : "application/json");
  }

  private static Map<String, RequestParameter> parameters(Map<String, String> values) {
    Map<String, RequestParameter> parameters = new HashMap<>();
    values.forEach((name, value) -> parameters.put(name, new RequestParameterImpl(value)));
    return parameters;
  }

  private static void assertSameOutcome(Operation operation, ValidatableRequest request, String value) {
    String expected;
    try {
      library.validate(request, operation.getOperationId()).await();
      expected = "valid";
    } catch (RuntimeException e) {
      expected = e.getClass().getName() + ": " + e.getMessage();
    }
    String actual;
    try {
      OperationCheck.of(contract.getSchemaRepository(), operation).validate(request);
      actual = "valid";
    } catch (RuntimeException e) {
      actual = e.getClass().getName() + ": " + e.getMessage();
    }
    assertThat(actual).as(operation.getOperationId() + " with " + value).isEqualTo(expected);
  }
}

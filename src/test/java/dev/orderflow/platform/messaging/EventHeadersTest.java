package dev.orderflow.platform.messaging;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventHeadersTest {

  @Test
  void storedAttributesBecomeCloudEventsHeadersInTheirFixedOrder() {
    Event event = Event.create("/orderflow/orders", "orderflow.orders.OrderPlaced.v1", "order-1", new JsonObject(), "corr-1", "cause-1");

    Map<String, String> headers = asMap(Event.headers(event.attributes().encode().getBytes(StandardCharsets.UTF_8)));

    assertThat(headers.keySet()).containsExactly("ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time", "ce_subject",
      "ce_dataschema", "ce_correlationid", "ce_causationid", "content-type");
    assertThat(headers).containsEntry("ce_id", event.id()).containsEntry("ce_type", "orderflow.orders.OrderPlaced.v1")
      .containsEntry("ce_time", event.time().toString()).containsEntry("ce_correlationid", "corr-1")
      .containsEntry("ce_causationid", "cause-1").containsEntry("content-type", "application/json");
  }

  @Test
  void absentNullUnknownAndNestedAttributesAddNoHeader() {
    String stored = "{\"nested\":{\"id\":\"not-this\"},\"id\":\"e-1\",\"causationid\":null,\"extra\":[1,2],\"specversion\":\"1.0\"}";

    assertThat(asMap(Event.headers(stored.getBytes(StandardCharsets.UTF_8)))).containsExactly(
      Map.entry("ce_id", "e-1"), Map.entry("ce_specversion", "1.0"), Map.entry("content-type", "application/json"));
  }

  @Test
  void attributesThatAreNotAJsonObjectFail() {
    assertThatThrownBy(() -> Event.headers("[\"id\"]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> Event.headers("{\"id\": ".getBytes(StandardCharsets.UTF_8))).isInstanceOf(DecodeException.class);
  }

  private static Map<String, String> asMap(List<Header> headers) {
    Map<String, String> byName = new LinkedHashMap<>();
    headers.forEach(header -> byName.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
    return byName;
  }
}

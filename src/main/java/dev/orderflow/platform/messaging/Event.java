package dev.orderflow.platform.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orderflow.platform.core.NewIds;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A CloudEvents 1.0 event with Orderflow's correlation and causation ids. On Kafka it travels in
 * binary mode: attributes as {@code ce_*} headers, the JSON data as the value, the subject
 * (the aggregate id) as the key so that one aggregate's events keep their order.
 */
public record Event(String id, String source, String type, String subject, Instant time, String dataSchema,
                    String correlationId, String causationId, JsonObject data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String PLAIN_RECORD = "orderflow.kafka.Record";
  private static final String CONTENT_TYPE = "application/json";
  private static final String SCHEMA_BASE = "https://orderflow.dev/contracts/";
  private static final List<String> ATTRIBUTES = List.of(
    "id", "source", "type", "specversion", "time", "subject", "dataschema", "correlationid", "causationid");
  private static final List<String> HEADER_NAMES = ATTRIBUTES.stream().map(name -> "ce_" + name).toList();
  private static final Map<String, Integer> ATTRIBUTE_POSITIONS = IntStream.range(0, ATTRIBUTES.size()).boxed()
    .collect(Collectors.toUnmodifiableMap(ATTRIBUTES::get, Function.identity()));
  private static final JsonFactory JSON = new JsonFactory();

  /** A new event; {@code type} carries its version, e.g. {@code orderflow.customers.CustomerRegistered.v1}. */
  public static Event create(String source, String type, String subject, JsonObject data, String correlationId, String causationId) {
    String id = NewIds.next();
    return new Event(id, source, type, subject, Instant.now(), SCHEMA_BASE + type + ".json",
      correlationId == null ? id : correlationId, causationId, data);
  }

  public JsonObject attributes() {
    JsonObject attributes = new JsonObject()
      .put("id", id).put("source", source).put("type", type).put("specversion", SPEC_VERSION)
      .put("time", time == null ? null : time.toString()).put("subject", subject).put("datacontenttype", CONTENT_TYPE)
      .put("dataschema", dataSchema).put("correlationid", correlationId);
    if (causationId != null) {
      attributes.put("causationid", causationId);
    }
    return attributes;
  }

  /** The event from stored attributes (tolerant: unknown attributes are ignored). */
  public static Event fromAttributes(JsonObject attributes, JsonObject data) {
    String time = attributes.getString("time");
    return new Event(attributes.getString("id"), attributes.getString("source"), attributes.getString("type"),
      attributes.getString("subject"), time == null ? null : Instant.parse(time), attributes.getString("dataschema"),
      attributes.getString("correlationid"), attributes.getString("causationid"), data);
  }

  /**
   * As Kafka's own headers, read from the stored attributes' JSON text in UTF-8, as the database holds
   * it: the outbox relay does this for every row it publishes, and building a JsonObject per row first
   * was the largest part of its work on the event loop; decoding the text into a String first cost a
   * tenth of its CPU per event. Unknown attributes are skipped; a text that is not a JSON object fails.
   */
  static List<Header> headers(byte[] attributesJson) {
    String[] values = new String[ATTRIBUTES.size()];
    try (JsonParser parser = JSON.createParser(attributesJson)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new DecodeException("event attributes are not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        Integer attribute = ATTRIBUTE_POSITIONS.get(parser.currentName());
        JsonToken value = parser.nextToken();
        if (value.isStructStart()) {
          parser.skipChildren();
        } else if (attribute != null && value != JsonToken.VALUE_NULL) {
          values[attribute] = parser.getText();
        }
      }
    } catch (IOException e) {
      throw new DecodeException("event attributes are not valid JSON: " + e.getMessage());
    }
    List<Header> headers = new ArrayList<>(values.length + 1);
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        headers.add(new RecordHeader(HEADER_NAMES.get(i), values[i].getBytes(StandardCharsets.UTF_8)));
      }
    }
    headers.add(new RecordHeader("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
    return headers;
  }

  /**
   * Reads a binary-mode CloudEvent. A record without CloudEvents headers (a plain JSON record from
   * a non-Orderflow producer) becomes an event of type {@value #PLAIN_RECORD} identified by its
   * position. A value that is not a JSON object fails.
   */
  public static Event fromKafka(KafkaConsumerRecord<String, String> record) {
    JsonObject attributes = new JsonObject();
    for (KafkaHeader header : record.headers()) {
      if (header.key().startsWith("ce_")) {
        attributes.put(header.key().substring(3), header.value().toString(StandardCharsets.UTF_8));
      }
    }
    if (!attributes.containsKey("id")) {
      attributes.put("id", record.topic() + "-" + record.partition() + "-" + record.offset())
        .put("source", "kafka:" + record.topic())
        .put("type", PLAIN_RECORD)
        .put("time", Instant.ofEpochMilli(record.timestamp()).toString())
        .put("subject", record.key());
    }
    return fromAttributes(attributes, new JsonObject(record.value()));
  }
}

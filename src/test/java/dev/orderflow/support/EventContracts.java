package dev.orderflow.support;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON Schema of an event type, from src/main/resources/contracts. */
public final class EventContracts {

  private EventContracts() {
  }

  public static Validator validator(String eventType) {
    try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream("contracts/" + eventType + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no contract for " + eventType);
      }
      JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return Validator.create(JsonSchema.of(schema),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://orderflow.dev/contracts/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

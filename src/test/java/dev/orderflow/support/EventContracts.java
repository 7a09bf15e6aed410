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

/**
 * The JSON Schema of an event type, from src/main/resources/contracts, and its sample payload, from
 * src/test/resources/contracts/samples (a directory of its own: the test classpath comes first and
 * would hide the schema behind a sample of the same name).
 */
public final class EventContracts {

  private EventContracts() {
  }

  /** The sample data of {@code eventType} that its provider's schema and each consumer's parser are checked on. */
  public static JsonObject sample(String eventType) {
    try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream("contracts/samples/" + eventType + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no sample of " + eventType);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

package dev.orderflow.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
    return Validator.create(JsonSchema.of(schema(eventType)),
      new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://orderflow.dev/contracts/"));
  }

  /** The JSON Schema of {@code eventType}'s data, as its provider publishes it. */
  public static JsonObject schema(String eventType) {
    try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream("contracts/" + eventType + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no contract for " + eventType);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The schema of the field at {@code path} ({@code a.b}; {@code a[].b} for field b of each item of
   * array a) in {@code schema}; null when the schema declares no such field.
   */
  public static JsonObject field(JsonObject schema, String path) {
    JsonObject current = schema;
    for (String name : path.split("\\.")) {
      boolean eachItem = name.endsWith("[]");
      JsonObject properties = current.getJsonObject("properties");
      current = properties == null ? null : properties.getJsonObject(eachItem ? name.substring(0, name.length() - 2) : name);
      if (current != null && eachItem) {
        current = current.getJsonObject("items");
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /**
   * The sample of {@code eventType} holding only the fields a consumer declares it reads of that type
   * ({@code requiredFields}, its contract's {@code REQUIRED_FIELDS}): a reader that reads the same from
   * it as from the whole sample reads nothing it did not declare.
   */
  public static JsonObject sampleCutToDeclared(String eventType, Map<String, Set<String>> requiredFields) {
    return only(sample(eventType), requiredFields.get(eventType));
  }

  /** {@code data} holding only the fields at {@code paths}, as {@link #field} reads them. */
  private static JsonObject only(JsonObject data, Set<String> paths) {
    JsonObject kept = new JsonObject();
    data.forEach(entry -> {
      String prefix = entry.getKey() + "[].";
      Set<String> inside = paths.stream().filter(path -> path.startsWith(prefix)).map(path -> path.substring(prefix.length()))
        .collect(Collectors.toSet());
      if (paths.contains(entry.getKey())) {
        kept.put(entry.getKey(), entry.getValue());
      } else if (!inside.isEmpty() && entry.getValue() instanceof JsonArray items) {
        JsonArray keptItems = new JsonArray();
        items.forEach(item -> keptItems.add(only((JsonObject) item, inside)));
        kept.put(entry.getKey(), keptItems);
      }
    });
    return kept;
  }
}

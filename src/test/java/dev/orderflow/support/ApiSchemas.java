package dev.orderflow.support;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The schemas of the HTTP contract (src/main/resources/openapi.json), to check what the gateway answers. */
public final class ApiSchemas {

  private static final String BASE_URI = "https://orderflow.dev/openapi.json";
  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(BASE_URI);
  private static final SchemaRepository REPOSITORY = SchemaRepository.create(OPTIONS).dereference(BASE_URI, JsonSchema.of(contract()));

  private ApiSchemas() {
  }

  /** Validates {@code json} against {@code #/components/schemas/<component>}. */
  public static OutputUnit validate(String component, JsonObject json) {
    return REPOSITORY.validator(BASE_URI + "#/components/schemas/" + component).validate(json);
  }

  private static JsonObject contract() {
    try (InputStream in = ApiSchemas.class.getClassLoader().getResourceAsStream("openapi.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

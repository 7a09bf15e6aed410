package dev.orderflow.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.vertx.openapi.validation.SchemaValidationException.createErrorFromOutputUnitType;
import static io.vertx.openapi.validation.SchemaValidationException.createInvalidValueBody;
import static io.vertx.openapi.validation.ValidationContext.REQUEST;
import static io.vertx.openapi.validation.ValidatorErrorType.MISSING_REQUIRED_PARAMETER;
import static io.vertx.openapi.validation.ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT;
import static io.vertx.openapi.validation.ValidatorException.createMissingRequiredParameter;
import static io.vertx.openapi.validation.ValidatorException.createUnsupportedValueFormat;

/**
 * One operation's request checks, built once from the contract: a schema validator per parameter
 * and per body media type. vertx-openapi 5.0.8's {@code RequestValidator} builds these validators
 * anew for every request (each copying the contract's whole schema lookup) on a worker thread; the
 * steps here are the library's own, in its order, with the library's exceptions, so that every
 * answer stays the same. A validator holds no state between calls (its lookup is a private copy,
 * read only), so one instance serves every event loop.
 */
final class OperationCheck {

  private static final Map<Style, ParameterTransformer> TRANSFORMERS = Map.of(
    Style.SIMPLE, new SimpleTransformer(), Style.LABEL, new LabelTransformer(),
    Style.MATRIX, new MatrixTransformer(), Style.FORM, new FormTransformer());
  /** Keywords that describe a value without constraining it. */
  private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$comment", "example", "examples", "deprecated");

  private final List<ParameterCheck> parameters;
  private final RequestBody body;
  /** The schema validator of each body media type that needs one (absent: the body is taken as it is). */
  private final Map<MediaType, Validator> bodySchemas = new IdentityHashMap<>();

  private OperationCheck(SchemaRepository schemas, Operation operation) {
    this.parameters = operation.getParameters().stream()
      .map(parameter -> new ParameterCheck(parameter, TRANSFORMERS.get(parameter.getStyle()), schemas.validator(parameter.getSchema()),
        parameter.getSchemaType() == SchemaType.STRING && (parameter.getStyle() == Style.SIMPLE || parameter.getStyle() == Style.FORM),
        acceptsEveryString(parameter.getSchema())))
      .toList();
    this.body = operation.getRequestBody();
    if (body != null) {
      body.getContent().values().stream().filter(OperationCheck::needsSchemaValidation)
        .forEach(mediaType -> bodySchemas.put(mediaType, schemas.validator(mediaType.getSchema())));
    }
  }

  static OperationCheck of(SchemaRepository schemas, Operation operation) {
    return new OperationCheck(schemas, operation);
  }

  /** Throws the library's {@link ValidatorException} (or its schema subclass) for the first violation. */
  void validate(ValidatableRequest request) {
    parameters.forEach(parameter -> parameter.validate(request));
    validateBody(request);
  }

  private void validateBody(ValidatableRequest request) {
    if (body == null) {
      return;
    }
    if (request.getBody() == null || request.getBody().isEmpty()) {
      if (body.isRequired()) {
        throw new ValidatorException("The related request does not contain the required body.", MISSING_REQUIRED_PARAMETER);
      }
      return;
    }
    MediaType mediaType = body.determineContentType(request.getContentType());
    Buffer content = request.getBody().getBuffer(Buffer.buffer());
    ContentAnalyser analyser = mediaType == null ? null : ContentAnalyser.getContentAnalyser(mediaType, request.getContentType(), content, REQUEST);
    if (analyser == null) {
      throw new ValidatorException("The format of the " + REQUEST + " body is not supported", UNSUPPORTED_VALUE_FORMAT);
    }
    analyser.checkSyntacticalCorrectness();
    Validator schema = bodySchemas.get(mediaType);
    if (schema != null) {
      OutputUnit result = schema.validate(analyser.transform());
      try {
        result.checkValidity();
      } catch (JsonSchemaValidationException e) {
        throw createInvalidValueBody(result, REQUEST, e);
      }
    }
  }

  /** As the library decides it: a media type without a schema, or a plain binary string, is not schema-checked. */
  private static boolean needsSchemaValidation(MediaType mediaType) {
    JsonSchema schema = mediaType.getSchema();
    if (schema == null) {
      return false;
    }
    boolean plainBinary = "string".equalsIgnoreCase(schema.get("type")) && "binary".equalsIgnoreCase(schema.get("format"))
      && schema.fieldNames().size() == 2;
    return !plainBinary;
  }

  /**
   * A schema that states only {@code "type": "string"} (besides annotations and the repository's own
   * {@code __…__} bookkeeping) accepts every string: for such a parameter the validator, which walks
   * every keyword it knows for each value (a tenth of a cached item's CPU), has nothing to say about
   * a string, so it is asked only about a value the transformer turned into something else.
   */
  private static boolean acceptsEveryString(JsonSchema schema) {
    return schema != null && "string".equals(schema.get("type"))
      && schema.fieldNames().stream().allMatch(key -> "type".equals(key) || key.startsWith("__") || ANNOTATIONS.contains(key));
  }

  /**
   * {@code plainStrings}: a string parameter of a style whose transformer reads a primitive as it is
   * (simple, form), for which {@link #transform} can skip the library's JSON decoding attempt.
   */
  private record ParameterCheck(Parameter parameter, ParameterTransformer transformer, Validator schema, boolean plainStrings,
    boolean everyString) {

    void validate(ValidatableRequest request) {
      RequestParameter value = valueIn(request);
      if (value == null || value.isNull()) {
        if (parameter.isRequired()) {
          throw createMissingRequiredParameter(parameter);
        }
        return;
      }
      if (transformer == null) {
        throw createUnsupportedValueFormat(parameter);
      }
      Object transformed = transform(String.valueOf(value.get()));
      if (everyString && transformed instanceof String) {
        return;
      }
      OutputUnit result = schema.validate(transformed);
      try {
        result.checkValidity();
      } catch (JsonSchemaValidationException e) {
        throw createErrorFromOutputUnitType(parameter, result, e);
      }
    }

    /**
     * The library's transformer reads a string parameter that is not a bare word (a sku such as
     * {@code MUG-0001}) by first trying it as a JSON value, which throws, then as a quoted JSON
     * string: two parses and an exception with its stack trace per request. A value that starts with
     * a letter Jackson cannot start a JSON value with (any but {@code t}, {@code f}, {@code n}) and
     * holds only printable ASCII without quotes or backslashes always ends there as itself, so it is
     * taken as it is; any other value goes through the transformer.
     */
    private Object transform(String raw) {
      return plainStrings && isPlainText(raw) ? raw : transformer.transform(parameter, raw);
    }

    private static boolean isPlainText(String raw) {
      if (raw.isEmpty() || !isAsciiLetter(raw.charAt(0)) || "tfn".indexOf(raw.charAt(0)) >= 0) {
        return false;
      }
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
          return false;
        }
      }
      return true;
    }

    private static boolean isAsciiLetter(char c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private RequestParameter valueIn(ValidatableRequest request) {
      return switch (parameter.getIn()) {
        case COOKIE -> request.getCookies().get(parameter.getName());
        case HEADER -> request.getHeaders().get(parameter.getName());
        case PATH -> request.getPathParameters().get(parameter.getName());
        case QUERY -> request.getQuery().get(parameter.getName());
      };
    }
  }
}

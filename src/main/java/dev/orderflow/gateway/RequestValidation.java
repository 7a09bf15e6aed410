package dev.orderflow.gateway;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.orderflow.platform.http.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates each request against its operation in the OpenAPI contract (parameters, body) before
 * the route's handler runs; a violation is a 400 problem naming the fields at fault. The modules
 * still check their own rules: the contract states the shape, the domain the meaning. Each
 * operation's checks are built once, at load ({@link OperationCheck}), and run on the event loop:
 * the inputs are small and bounded (the body handler caps bodies before anything parses them).
 */
final class RequestValidation {

  private static final Logger LOG = LoggerFactory.getLogger(RequestValidation.class);
  private static final Pattern PARAMETER = Pattern.compile("parameter ([\\w-]+)");
  private static final Pattern REQUIRED_PROPERTY = Pattern.compile("required propert(?:y|ies)\\W+(\\w+)");
  private static final Pattern ARRAY_INDEX = Pattern.compile("\\d+");

  private final Map<String, Bound> byOperation = new HashMap<>();
  private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

  private RequestValidation(OpenAPIContract contract) {
    contract.operations().forEach(operation -> byOperation.put(operation.getHttpMethod().name() + " " + operation.getOpenAPIPath(),
      new Bound(operation, OperationCheck.of(contract.getSchemaRepository(), operation))));
  }

  private record Bound(Operation operation, OperationCheck check) {
  }

  static Future<RequestValidation> load(Vertx vertx, JsonObject document) {
    warnIfValidatorStaysInterpreted();
    return OpenAPIContract.from(vertx, document).map(RequestValidation::new);
  }

  /**
   * vertx-json-schema 5.0.8 validates in one method of 9,291 bytes of bytecode, above the 8,000 that
   * HotSpot compiles by default ({@code DontCompileHugeMethods}): it would stay interpreted for the
   * JVM's life, about four times slower per request body (bench/contract-check.sh). The README's
   * command starts the JVM with {@code -XX:-DontCompileHugeMethods}; a JVM started without it is told once.
   */
  private static void warnIfValidatorStaysInterpreted() {
    HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (hotSpot != null && "true".equals(hotSpot.getVMOption("DontCompileHugeMethods").getValue())) {
      LOG.warn("the JVM runs without -XX:-DontCompileHugeMethods: the API contract's checks of request bodies stay interpreted,"
        + " about four times slower; start it as the README shows");
    }
  }

  /** A handler for the routes of one router; each event loop serving the gateway has its own router, the checks are shared. */
  RouterChecks forRouter() {
    return new RouterChecks();
  }

  /** Mounted on a router's API routes, then bound to them once they are all mounted ({@link #bind}). */
  final class RouterChecks implements Handler<RoutingContext> {

    /** Each route's operations by method, set once the routes are mounted. */
    private Map<Route, Map<HttpMethod, Bound>> byRoute = Map.of();

    /**
     * Binds each of the router's routes to the contract's operation of the same method and path
     * template, once: a request is then checked against the operation of the very route the router
     * chose for it, without matching its path against every path of the contract again.
     */
    void bind(Router router) {
      Map<Route, Map<HttpMethod, Bound>> bound = new IdentityHashMap<>();
      for (Route route : router.getRoutes()) {
        if (route.getPath() == null || route.methods() == null) {
          continue;
        }
        for (HttpMethod method : route.methods()) {
          Bound operation = byOperation.get(ApiContract.operationOf(method, route.getPath()));
          if (operation != null) {
            bound.computeIfAbsent(route, unbound -> new HashMap<>()).put(method, operation);
          }
        }
      }
      byRoute = bound;
    }

    @Override
    public void handle(RoutingContext ctx) {
      Map<HttpMethod, Bound> operations = byRoute.get(ctx.currentRoute());
      Bound bound = operations == null ? null : operations.get(ctx.request().method());
      if (bound == null) {
        // mounted on the API's routes only: a routed request the contract cannot place is refused, never let through unchecked
        Problems.send(ctx, HttpProblem.of(400, "malformed-request", "Malformed request", "the path does not name an operation of the API contract"));
        return;
      }
      Future<ValidatableRequest> checked;
      try {
        checked = extractor.extractValidatableRequest(ctx, bound.operation()).map(request -> {
          bound.check().validate(request);
          return request;
        });
      } catch (RuntimeException e) {
        checked = Future.failedFuture(e);
      }
      checked.onComplete(valid -> ctx.next(), failure -> Problems.send(ctx, problem(failure)));
    }
  }

  private static HttpProblem problem(Throwable failure) {
    if (failure instanceof SchemaValidationException schema) {
      // One entry per field: the validator reports a field's generic mismatch before the specific reason.
      Map<String, JsonObject> byField = new LinkedHashMap<>();
      String parameter = matched(PARAMETER, schema.getMessage());
      OutputUnit unit = schema.getOutputUnit();
      if (unit != null && unit.getErrors() != null && !unit.getErrors().isEmpty()) {
        unit.getErrors().forEach(error -> {
          JsonObject fieldError = fieldError(parameter, error.getInstanceLocation(), error.getError());
          byField.put(fieldError.getString("field"), fieldError);
        });
      } else {
        JsonObject fieldError = fieldError(parameter, unit == null ? "" : unit.getInstanceLocation(), schema.getMessage());
        byField.put(fieldError.getString("field"), fieldError);
      }
      // a container's "did not match schema" adds nothing to the reason given for the field inside it
      Set<String> fields = Set.copyOf(byField.keySet());
      byField.keySet().removeIf(field -> fields.stream().anyMatch(other -> other.startsWith(field + ".") || other.startsWith(field + "[")));
      return new HttpProblem(400, "invalid-request", "Invalid request", schema.getMessage(), new JsonArray(List.copyOf(byField.values())), 0);
    }
    if (failure instanceof ValidatorException invalid && matched(PARAMETER, invalid.getMessage()) != null) {
      return HttpProblem.invalidField(matched(PARAMETER, invalid.getMessage()), invalid.getMessage());
    }
    return HttpProblem.of(400, "malformed-request", "Malformed request", "the request does not fit the API contract: " + failure.getMessage());
  }

  private static JsonObject fieldError(String parameter, String location, String message) {
    String field = parameter;
    if (field == null) {
      String path = fieldPath(location);
      field = path.isEmpty() ? matched(REQUIRED_PROPERTY, message) : path;
    }
    return new JsonObject().put("field", field == null ? "body" : field).put("message", message);
  }

  /** A JSON pointer as the field names of the order rules read: {@code /items/0/quantity} is {@code items[0].quantity}. */
  private static String fieldPath(String pointer) {
    StringBuilder path = new StringBuilder();
    for (String segment : (pointer == null ? "" : pointer.replaceFirst("^#?/?", "")).split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (ARRAY_INDEX.matcher(segment).matches()) {
        path.append('[').append(segment).append(']');
      } else {
        path.append(path.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
      }
    }
    return path.toString();
  }

  private static String matched(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text == null ? "" : text);
    return matcher.find() ? matcher.group(1) : null;
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.core.StartupException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI 3.1 document of the HTTP API ({@code openapi.json}), served as it is. The gateway
 * refuses to start when its routes and the document's operations differ, so the contract cannot
 * drift from the code. Routes without a method (the Swagger UI pages under /docs) are not API
 * operations and are not compared.
 */
final class ApiContract {

  private static final String RESOURCE = "openapi.json";
  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private final Buffer document;
  private final Set<String> operations = new TreeSet<>();

  ApiContract() {
    try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      this.document = Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonObject paths = new JsonObject(document).getJsonObject("paths");
    paths.forEach(path -> ((JsonObject) path.getValue()).fieldNames().stream().filter(HTTP_METHODS::contains)
      .forEach(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
  }

  Buffer document() {
    return document;
  }

  /**
   * The document as the request validator reads it. vertx-openapi 5.0.8 refuses response media
   * types it does not know, application/problem+json among them; requests are validated only, so
   * the copy names the problem responses plain JSON while the served document stays exact. It also
   * takes only absolute server URLs, while the served document names the gateway relatively ("/",
   * the origin it is read from); without servers the validator matches paths from the root, the same.
   */
  JsonObject forRequestValidation() {
    JsonObject validated = new JsonObject(document.toString().replace("\"application/problem+json\"", "\"application/json\""));
    validated.remove("servers");
    return validated;
  }

  /** Fails startup when a route has no operation in the document or an operation has no route. */
  void verify(Router router) {
    Set<String> differences = differences(routes(router), operations);
    if (!differences.isEmpty()) {
      throw StartupException.of("openapi.json", "the contract and the routes differ: " + String.join(", ", differences));
    }
  }

  /** Each route missing from the contract ("route without contract: X") and each operation without a route. */
  static Set<String> differences(Set<String> routes, Set<String> operations) {
    Set<String> differences = new TreeSet<>();
    routes.stream().filter(route -> !operations.contains(route)).forEach(route -> differences.add("route without contract: " + route));
    operations.stream().filter(operation -> !routes.contains(operation)).forEach(operation -> differences.add("contract without route: " + operation));
    return differences;
  }

  /** A route as the contract names its operation: {@code GET /api/v1/items/{sku}} for {@code GET /api/v1/items/:sku}. */
  static String operationOf(HttpMethod method, String routePath) {
    return method.name() + " " + routePath.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }

  static Set<String> routes(Router router) {
    Set<String> routes = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null) {
        continue;
      }
      for (HttpMethod method : route.methods()) {
        routes.add(operationOf(method, route.getPath()));
      }
    }
    return routes;
  }
}

package dev.orderflow.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Swagger UI at {@code /docs}, from the swagger-ui webjar inside the jar (no CDN), pointed at
 * {@code /openapi.json}. Its pages get a content security policy that allows their own scripts
 * and styles; the API's answers keep the strict one.
 */
final class ApiDocs {

  private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final String INITIALIZER = "docs/swagger-initializer.js";
  private static final String DOCS_POLICY = "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    + "frame-ancestors 'none'";

  private ApiDocs() {
  }

  /** Mounts the docs; these routes have no method and are pages, not API operations. */
  static void mount(Router router) {
    Buffer initializer = Buffer.buffer(read(INITIALIZER));
    router.routeWithRegex("/docs").handler(ctx -> ctx.redirect("/docs/"));
    router.route("/docs/*").handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", DOCS_POLICY).putHeader("Cache-Control", "public, max-age=3600");
      ctx.next();
    });
    router.route("/docs/swagger-initializer.js")
      .handler(ctx -> ctx.response().putHeader("Content-Type", "text/javascript").end(initializer));
    router.route("/docs/*").handler(StaticHandler.create("META-INF/resources/webjars/swagger-ui/" + webjarVersion()));
  }

  private static String webjarVersion() {
    Properties properties = new Properties();
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
      properties.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the swagger-ui webjar is missing from the classpath", e);
    }
    return properties.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpProblem;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The first edge check: a request is served only when its raw path is already the path the router
 * routes. Every later check (credentials, rate limits, contract validation) decides on a path
 * prefix; if the raw path could differ from the routed one (percent-encoded letters, dot segments,
 * double slashes), a check could look at one path while the router serves another. Such a request
 * is refused with 400 instead of being rewritten, so that what was checked is exactly what runs.
 * Encoded slashes, backslashes, percent signs, semicolons (matrix parameters) and control
 * characters are refused too: a proxy or a second decoding could read them as path structure.
 */
final class CanonicalPath {

  /** Octets whose encoded form could become path structure on a second reading, and control characters. */
  private static final Pattern DANGEROUS_ESCAPE = Pattern.compile("%(2f|5c|25|3b|[01][0-9a-f]|7f)");

  private CanonicalPath() {
  }

  static void require(RoutingContext ctx) {
    String raw = ctx.request().path();
    String refusal = refusal(ctx, raw);
    if (refusal == null) {
      ctx.next();
    } else {
      Problems.send(ctx, HttpProblem.of(400, "non-canonical-path", "Non-canonical path", refusal));
    }
  }

  private static String refusal(RoutingContext ctx, String raw) {
    if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
      return "the path must start with /";
    }
    String routed;
    try {
      routed = ctx.normalizedPath();
    } catch (IllegalArgumentException e) {
      return "the path is not valid percent-encoding";
    }
    if (!routed.equals(raw)) {
      return "the path has dot segments, double slashes or percent-encoded letters; send it as " + routed;
    }
    if (raw.indexOf(';') >= 0 || raw.indexOf('\\') >= 0 || hasControlCharacter(raw)
      || raw.indexOf('%') >= 0 && DANGEROUS_ESCAPE.matcher(raw.toLowerCase(Locale.ROOT)).find()) {
      return "the path holds a semicolon, a backslash, a control character or an encoded /, \\, %, ; or control character";
    }
    return null;
  }

  private static boolean hasControlCharacter(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}

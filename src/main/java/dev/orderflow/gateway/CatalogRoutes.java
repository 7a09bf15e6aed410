package dev.orderflow.gateway;

import dev.orderflow.platform.http.HttpProblem;
import dev.orderflow.platform.core.NumberText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The items resource, version 1: money as a JSON number next to its currency. Translates between
 * the public representation and the catalog contract, where amounts are decimal strings.
 */
final class CatalogRoutes {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final Pattern CURSOR_SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final String CURSOR_PREFIX = "after:";
  private static final Map<String, String> V1_FIELDS = Map.of("price.amount", "price", "price.currency", "currency");

  private final CatalogCalls catalog;
  private final ItemCache cache;

  CatalogRoutes(CatalogCalls catalog, ItemCache cache) {
    this.catalog = catalog;
    this.cache = cache;
  }

  void list(RoutingContext ctx) {
    Integer limit = limit(ctx.request().getParam("limit"));
    if (limit == null) {
      Problems.send(ctx, HttpProblem.invalidField("limit", "must be a whole number from 1 to " + MAX_LIMIT));
      return;
    }
    String cursor = ctx.request().getParam("cursor");
    String after = cursor == null ? null : decodeCursor(cursor);
    if (cursor != null && after == null) {
      Problems.send(ctx, HttpProblem.invalidField("cursor", "is not a cursor this API handed out"));
      return;
    }
    catalog.listItems(limit, after, HttpReplies.correlationId(ctx))
      .onSuccess(page -> replyWithPage(ctx, page, limit))
      .onFailure(failure -> Problems.fail(ctx, failure));
  }

  void get(RoutingContext ctx) {
    String sku = ctx.pathParam("sku");
    Buffer cached = cache.get(sku);
    if (cached != null) {
      HttpReplies.json(ctx, 200, cached);
      return;
    }
    catalog.getItem(sku, HttpReplies.correlationId(ctx))
      .onSuccess(item -> {
        Buffer v1 = toV1(item).toBuffer();
        cache.put(sku, v1);
        HttpReplies.json(ctx, 200, v1);
      })
      .onFailure(failure -> Problems.fail(ctx, failure));
  }

  void put(RoutingContext ctx) {
    String sku = ctx.pathParam("sku");
    JsonObject body = HttpReplies.jsonBody(ctx);
    if (body == null) {
      return;
    }
    if (body.containsKey("sku") && !sku.equals(body.getValue("sku"))) {
      Problems.send(ctx, HttpProblem.invalidField("sku", "differs from the sku in the path"));
      return;
    }
    catalog.putItem(fromV1(sku, body), HttpReplies.correlationId(ctx))
      .onSuccess(result -> {
        cache.invalidate(sku);
        boolean created = result.getBoolean("created");
        if (created) {
          ctx.response().putHeader("Location", "/api/v1/items/" + sku);
        }
        HttpReplies.json(ctx, created ? 201 : 200, toV1(result.getJsonObject("item")));
      })
      .onFailure(failure -> Problems.fail(ctx, failure, V1_FIELDS));
  }

  private void replyWithPage(RoutingContext ctx, JsonObject page, int limit) {
    JsonObject response = new JsonObject().put("items", page.getJsonArray("items").stream()
      .map(item -> toV1((JsonObject) item)).toList());
    String next = page.getString("next");
    if (next != null) {
      String cursor = encodeCursor(next);
      response.put("nextCursor", cursor);
      ctx.response().putHeader("Link", "</api/v1/items?limit=" + limit + "&cursor=" + cursor + ">; rel=\"next\"");
    }
    HttpReplies.json(ctx, 200, response);
  }

  private static JsonObject toV1(JsonObject item) {
    JsonObject price = item.getJsonObject("price");
    return new JsonObject()
      .put("sku", item.getString("sku"))
      .put("name", item.getString("name"))
      .put("description", item.getString("description"))
      .put("price", new BigDecimal(price.getString("amount")))
      .put("currency", price.getString("currency"));
  }

  private static JsonObject fromV1(String sku, JsonObject body) {
    Object price = body.getValue("price");
    return new JsonObject()
      .put("sku", sku)
      .put("name", body.getValue("name"))
      .put("description", body.getValue("description", ""))
      .put("price", new JsonObject()
        .put("amount", price == null ? null : String.valueOf(price))
        .put("currency", body.getValue("currency")));
  }

  private static Integer limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    OptionalLong limit = NumberText.wholeNumber(raw);
    return limit.isPresent() && limit.getAsLong() >= 1 && limit.getAsLong() <= MAX_LIMIT ? (int) limit.getAsLong() : null;
  }

  private static String encodeCursor(String sku) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + sku).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith(CURSOR_PREFIX) && CURSOR_SKU.matcher(decoded.substring(CURSOR_PREFIX.length())).matches()) {
        return decoded.substring(CURSOR_PREFIX.length());
      }
      return null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

}

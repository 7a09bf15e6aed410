package dev.orderflow.gateway;

import dev.orderflow.platform.core.NumberText;
import dev.orderflow.platform.http.HttpProblem;
import dev.orderflow.platform.messaging.DeadLetters;
import dev.orderflow.platform.messaging.Messaging;
import dev.orderflow.platform.Platform;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The admin side of durable messaging: dead letters (list by page, inspect, redrive), consumer groups
 * (lag, replay), and the message counts.
 */
final class MessagingRoutes {

  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final int DEFAULT_PAGE = 100;
  private static final Pattern DEAD_LETTER_ID = Pattern.compile("\\d{1,9}-\\d{1,19}");

  private final Platform platform;

  MessagingRoutes(Platform platform) {
    this.platform = platform;
  }

  void listDeadLetters(RoutingContext ctx) {
    String group = group(ctx);
    if (group == null) {
      return;
    }
    OptionalLong limit = NumberText.wholeNumber(ctx.request().getParam("limit", String.valueOf(DEFAULT_PAGE)));
    if (limit.isEmpty() || limit.getAsLong() < 1 || limit.getAsLong() > DeadLetters.MAX_PAGE) {
      Problems.send(ctx, HttpProblem.invalidField("limit", "must be a whole number from 1 to " + DeadLetters.MAX_PAGE));
      return;
    }
    String cursorText = ctx.request().getParam("cursor");
    Optional<DeadLetters.Cursor> cursor = cursorText == null ? Optional.of(DeadLetters.Cursor.START) : DeadLetters.Cursor.decode(cursorText);
    if (cursor.isEmpty()) {
      Problems.send(ctx, HttpProblem.invalidField("cursor", "is not a cursor this API handed out"));
      return;
    }
    HttpReplies.answer(ctx, 200, platform.messaging().deadLetters().page(group, (int) limit.getAsLong(), cursor.get())
      .map(page -> {
        JsonObject reply = new JsonObject().put("group", group).put("deadLetters", page.deadLetters());
        page.next().ifPresent(next -> reply.put("nextCursor", next.encode()));
        return reply;
      }));
  }

  void inspectDeadLetter(RoutingContext ctx) {
    String group = group(ctx);
    String id = deadLetterId(ctx);
    if (group != null && id != null) {
      platform.messaging().deadLetters().find(group, id)
        .onSuccess(letter -> letter.ifPresentOrElse(found -> HttpReplies.json(ctx, 200, found), () -> noSuchDeadLetter(ctx, group, id)))
        .onFailure(failure -> Problems.fail(ctx, failure));
    }
  }

  void redriveDeadLetter(RoutingContext ctx) {
    String group = group(ctx);
    String id = deadLetterId(ctx);
    if (group != null && id != null) {
      platform.messaging().deadLetters().redrive(group, id)
        .onSuccess(letter -> letter.ifPresentOrElse(found -> HttpReplies.json(ctx, 202, found), () -> noSuchDeadLetter(ctx, group, id)))
        .onFailure(failure -> Problems.fail(ctx, failure));
    }
  }

  void consumerGroup(RoutingContext ctx) {
    controlGroup(ctx, Messaging.LAG, new JsonObject(), 200);
  }

  void replay(RoutingContext ctx) {
    JsonObject body = ctx.body().length() == 0 ? new JsonObject() : HttpReplies.jsonBody(ctx);
    if (body != null) {
      controlGroup(ctx, Messaging.REPLAY, new JsonObject().put("from", body.getValue("from", "beginning")), 202);
    }
  }

  void counts(RoutingContext ctx) {
    HttpReplies.json(ctx, 200, platform.messaging().metrics().snapshot());
  }

  private void controlGroup(RoutingContext ctx, String action, JsonObject request, int status) {
    String group = group(ctx);
    if (group == null) {
      return;
    }
    String service = Messaging.CONTROL_SERVICE_PREFIX + group;
    platform.discovery().lookup(service)
      .compose(record -> record == null
        ? Future.<JsonObject>failedFuture(new NoSuchGroup(group))
        : platform.services().request(service, action, request, HttpReplies.correlationId(ctx)))
      .onSuccess(result -> HttpReplies.json(ctx, status, result))
      .onFailure(failure -> {
        if (failure instanceof NoSuchGroup) {
          Problems.send(ctx, HttpProblem.of(404, "not-found", "Not found", "no consumer group '" + group + "' runs on this cluster"));
        } else {
          Problems.fail(ctx, failure);
        }
      });
  }

  private static String group(RoutingContext ctx) {
    String group = ctx.pathParam("group");
    if (GROUP.matcher(group).matches()) {
      return group;
    }
    Problems.send(ctx, HttpProblem.invalidField("group", "must be 1-100 letters, digits, '.', '_' or '-'"));
    return null;
  }

  private static String deadLetterId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (DEAD_LETTER_ID.matcher(id).matches()) {
      return id;
    }
    Problems.send(ctx, HttpProblem.invalidField("id", "must read <partition>-<offset>, as listed"));
    return null;
  }

  private static void noSuchDeadLetter(RoutingContext ctx, String group, String id) {
    Problems.send(ctx, HttpProblem.of(404, "not-found", "Not found", "no dead letter " + id + " for group '" + group + "'"));
  }

  private static final class NoSuchGroup extends RuntimeException {
    NoSuchGroup(String group) {
      super(group, null, false, false);
    }
  }
}

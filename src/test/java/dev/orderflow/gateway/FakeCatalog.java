package dev.orderflow.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicInteger;

/** Stands on a catalog address and answers as the test tells it: fine, slow, broken or refusing. */
final class FakeCatalog {

  enum Mode { OK, SLOW, SILENT, BROKEN, NOT_FOUND }

  static final long SLOW_REPLY_MS = 250;

  static final String ADDRESS = "test.fake-catalog";
  private static final JsonObject ITEM = new JsonObject().put("sku", "FAKE-1").put("name", "Fake").put("description", "")
    .put("price", new JsonObject().put("amount", "1.00").put("currency", "EUR"));

  private final Vertx vertx;
  private final MessageConsumer<JsonObject> consumer;
  private final AtomicInteger calls = new AtomicInteger();
  private volatile Mode mode = Mode.OK;

  FakeCatalog(Vertx vertx) {
    this.vertx = vertx;
    this.consumer = vertx.eventBus().consumer(ADDRESS, this::answer);
    consumer.completion().await();
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  int calls() {
    return calls.get();
  }

  private void answer(Message<JsonObject> message) {
    calls.incrementAndGet();
    switch (mode) {
      case OK -> message.reply(ITEM);
      case SLOW -> vertx.setTimer(SLOW_REPLY_MS, fired -> message.reply(ITEM));
      case BROKEN -> message.fail(500, "fake catalog is broken");
      case NOT_FOUND -> message.fail(404, "no item with sku 'FAKE-1'");
      case SILENT -> { }
    }
  }
}

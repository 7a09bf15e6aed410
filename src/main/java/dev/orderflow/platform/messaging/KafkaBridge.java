package dev.orderflow.platform.messaging;

import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.platform.core.Wiring;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Configured mappings between event-bus addresses and Kafka topics, so that services outside
 * Vert.x join through Kafka. Outbound: a message sent to the address is produced to the topic
 * (key from the {@code key} header); a request is answered once Kafka acknowledged. Inbound: a
 * durable subscription delivers each record to the address by request-reply, and its offset is
 * committed only after the receiver replied.
 */
@Wiring
public final class KafkaBridge {

  static final String SETTING = "ORDERFLOW_KAFKA_BRIDGE";
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBridge.class);
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final long INBOUND_REPLY_TIMEOUT_MS = 30_000;

  private final List<Mapping> outbound;
  private final List<Mapping> inbound;
  private final List<MessageConsumer<Object>> outboundConsumers = new ArrayList<>();
  private final List<DurableSubscription> inboundSubscriptions = new ArrayList<>();

  private KafkaBridge(List<Mapping> outbound, List<Mapping> inbound) {
    this.outbound = outbound;
    this.inbound = inbound;
  }

  /** Validates the mappings; a mapping that names nothing valid is a startup error. */
  public static KafkaBridge from(JsonObject config) {
    return new KafkaBridge(mappings(config, "outbound", false), mappings(config, "inbound", true));
  }

  public Future<Void> start(Vertx vertx, Messaging messaging) {
    KafkaProducer<String, String> producer = messaging.producer();
    Future<Void> started = Future.succeededFuture();
    for (Mapping mapping : outbound) {
      started = started.compose(previous -> messaging.ensureTopics(mapping.topic())
        .compose(created -> {
          MessageConsumer<Object> consumer = vertx.eventBus().consumer(mapping.address(),
            message -> forward(message, messaging.kafkaTopic(mapping.topic()), producer));
          outboundConsumers.add(consumer);
          return consumer.completion();
        }));
    }
    for (Mapping mapping : inbound) {
      started = started.compose(previous -> messaging.subscribe(mapping.topic(), mapping.group(), EventTypes.all(),
          event -> deliver(vertx, mapping.address(), event), Future::succeededFuture)
        .map(subscription -> {
          inboundSubscriptions.add(subscription);
          return null;
        }));
    }
    return started.onSuccess(done -> {
      if (!outbound.isEmpty() || !inbound.isEmpty()) {
        LOG.info("Kafka bridge: {} outbound, {} inbound mappings", outbound.size(), inbound.size());
      }
    });
  }

  public Future<Void> stop() {
    List<Future<Void>> stopped = new ArrayList<>();
    outboundConsumers.forEach(consumer -> stopped.add(consumer.unregister()));
    inboundSubscriptions.forEach(subscription -> stopped.add(subscription.stop()));
    return Future.join(stopped).mapEmpty();
  }

  private static void forward(Message<Object> message, String topic, KafkaProducer<String, String> producer) {
    Object body = message.body();
    String value = body instanceof JsonObject json ? json.encode() : String.valueOf(body);
    KafkaProducerRecord<String, String> record = KafkaProducerRecord.create(topic, message.headers().get("key"), value);
    message.headers().forEach(header -> record.addHeader(KafkaHeader.header(header.getKey(), header.getValue())));
    producer.send(record)
      .onSuccess(sent -> message.reply(new JsonObject().put("topic", topic).put("partition", sent.getPartition()).put("offset", sent.getOffset())))
      .onFailure(failure -> {
        LOG.warn("bridge could not produce to {}: {}", topic, failure.getMessage());
        message.fail(503, "Kafka did not take the message: " + failure.getMessage());
      });
  }

  private static Future<Void> deliver(Vertx vertx, String address, Event event) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(INBOUND_REPLY_TIMEOUT_MS);
    event.attributes().forEach(attribute -> options.addHeader("ce_" + attribute.getKey(), String.valueOf(attribute.getValue())));
    if (event.correlationId() != null) {
      options.addHeader(Correlation.BUS_HEADER, event.correlationId());
    }
    return vertx.eventBus().request(address, event.data(), options).mapEmpty();
  }

  private static List<Mapping> mappings(JsonObject config, String direction, boolean needsGroup) {
    Object entries = config.getValue(direction, new JsonArray());
    if (!(entries instanceof JsonArray list)) {
      throw StartupException.of(SETTING, "'" + direction + "' must be a list of mappings");
    }
    List<Mapping> mappings = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object entry = list.getValue(i);
      if (!(entry instanceof JsonObject mapping)) {
        throw StartupException.of(SETTING, direction + " mapping " + (i + 1) + " is not an object");
      }
      String address = text(mapping, "address");
      String topic = text(mapping, "topic");
      String group = needsGroup ? text(mapping, "group") : null;
      if (address == null || topic == null || !TOPIC.matcher(topic).matches() || needsGroup && (group == null || !TOPIC.matcher(group).matches())) {
        throw StartupException.of(SETTING, direction + " mapping " + (i + 1) + " " + mapping.encode()
          + " needs a non-empty address and a valid topic" + (needsGroup ? " and consumer group" : "") + " (letters, digits, '.', '_', '-')");
      }
      mappings.add(new Mapping(address, topic, group));
    }
    return mappings;
  }

  private static String text(JsonObject mapping, String field) {
    return mapping.getValue(field) instanceof String value && !value.isBlank() ? value : null;
  }

  private record Mapping(String address, String topic, String group) {
  }
}

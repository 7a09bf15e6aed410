package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Kafka bridge: configured event-bus ↔ Kafka mappings in both directions")
class KafkaBridgeTest {

  private static final String BRIDGE = new JsonObject()
    .put("outbound", List.of(Map.of("address", "test.bridge.out", "topic", "bridge.out")))
    .put("inbound", List.of(Map.of("topic", "bridge.in", "address", "test.bridge.in", "group", "bridge-in")))
    .encode();

  private static TestInstance orderflow;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    orderflow = TestInstance.start("ORDERFLOW_KAFKA_BRIDGE", BRIDGE);
    vertx = orderflow.instance().platform().vertx();
  }

  @AfterAll
  static void stop() {
    orderflow.close();
  }

  @Test
  @DisplayName("outbound: a message sent to the address is produced to the topic, and the sender hears where")
  void outbound() {
    JsonObject reply = vertx.eventBus().<JsonObject>request("test.bridge.out", new JsonObject().put("hello", "kafka"),
      new DeliveryOptions().addHeader("key", "k-1").addHeader("correlation-id", "bridge-corr")).await().body();

    assertThat(reply.getString("topic")).isEqualTo(orderflow.topic("bridge.out"));
    List<ConsumerRecord<String, String>> records = Kafka.readAll(SharedKafka.bootstrapServers(), orderflow.topic("bridge.out"));
    assertThat(records).hasSize(1);
    assertThat(records.get(0).key()).isEqualTo("k-1");
    assertThat(new JsonObject(records.get(0).value()).getString("hello")).isEqualTo("kafka");
    assertThat(new String(records.get(0).headers().lastHeader("correlation-id").value())).isEqualTo("bridge-corr");
  }

  @Test
  @DisplayName("inbound: a record reaches the address, and its offset is committed only after the receiver replied")
  void inbound() throws Exception {
    List<Message<JsonObject>> received = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer("test.bridge.in", received::add).completion().await();

    Kafka.produce(SharedKafka.bootstrapServers(), new ProducerRecord<>(orderflow.topic("bridge.in"), "k-2", "{\"from\":\"outside\"}"));
    Await.until("the record reaches the address", Duration.ofSeconds(20), () -> !received.isEmpty());

    assertThat(received.get(0).body().getString("from")).isEqualTo("outside");
    assertThat(committedOffset()).as("nothing committed before the reply").isZero();
    received.get(0).reply(new JsonObject().put("ok", true));
    Await.until("the offset is committed after the reply", Duration.ofSeconds(20), () -> committedOffset() == 1);
    assertThat(received).hasSize(1);
  }

  private static long committedOffset() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
      Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(orderflow.topic("bridge-in")).partitionsToOffsetAndMetadata().get();
      return offsets.values().stream().filter(offset -> offset != null).mapToLong(OffsetAndMetadata::offset).sum();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.orderflow;

import dev.orderflow.platform.messaging.DeadLettering;
import dev.orderflow.support.Http;
import dev.orderflow.support.Kafka;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Dead letters: every one reachable by paging and by id, however many there are")
class DeadLetterPagingTest {

  private static final String GROUP = "paging-test";
  private static final int LETTERS = 1205;
  private static final int MOSTLY_ON = 0;
  private static final int PARTITIONS = 3;

  private static TestInstance orderflow;
  private static Http http;
  private static String originalTopic;

  @BeforeAll
  static void start() throws ExecutionException, InterruptedException {
    orderflow = TestInstance.start("ORDERFLOW_MODULES", "gateway");
    http = orderflow.http();
    originalTopic = orderflow.topic("paging.original");
    String deadLetterTopic = orderflow.topic(DeadLettering.deadLetterTopic(GROUP));
    Kafka.createTopics(SharedKafka.bootstrapServers(),
      List.of(new NewTopic(deadLetterTopic, PARTITIONS, (short) 1), new NewTopic(originalTopic, 1, (short) 1)));
    park(deadLetterTopic);
  }

  @AfterAll
  static void stop() {
    orderflow.close();
  }

  @Test
  @DisplayName("pages of 500 list each of 1,205 dead letters exactly once, across partitions, and the last page has no next cursor")
  void pagesThroughAll() {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Http.Response page = http.get("/admin/dead-letters/" + GROUP + "?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      JsonObject body = page.json();
      assertThat(body.getString("group")).isEqualTo(GROUP);
      JsonArray letters = body.getJsonArray("deadLetters");
      assertThat(letters.size()).isLessThanOrEqualTo(500);
      letters.stream().map(letter -> ((JsonObject) letter).getString("id")).forEach(ids::add);
      cursor = body.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(ids).hasSize(LETTERS).doesNotHaveDuplicates();
    assertThat(ids).containsExactlyInAnyOrderElementsOf(expectedIds());
    assertThat(pages).isEqualTo(3);
  }

  @Test
  @DisplayName("lists 100 by default and no more than 1,000 a page")
  void limits() {
    JsonObject firstPage = http.get("/admin/dead-letters/" + GROUP).json();
    assertThat(firstPage.getJsonArray("deadLetters")).hasSize(100);
    assertThat(firstPage.getString("nextCursor")).isNotBlank();
    assertThat(http.get("/admin/dead-letters/" + GROUP + "?limit=1000").json().getJsonArray("deadLetters")).hasSize(1000);
  }

  @Test
  @DisplayName("inspects and redrives the 1,150th dead letter by its id")
  void reachesTheOneThousandOneHundredFiftieth() {
    String id = MOSTLY_ON + "-" + 1149;

    Http.Response inspected = http.get("/admin/dead-letters/" + GROUP + "/" + id);
    assertThat(inspected.status()).isEqualTo(200);
    assertThat(inspected.json().getString("id")).isEqualTo(id);
    assertThat(inspected.json().getString("eventId")).isEqualTo("event-1149");

    Http.Response redriven = http.post("/admin/dead-letters/" + GROUP + "/" + id + "/redrive", "application/json", "");
    assertThat(redriven.status()).isEqualTo(202);
    assertThat(redriven.json().getJsonObject("redrivenTo").getString("topic")).isEqualTo(originalTopic);
    List<ConsumerRecord<String, String>> resent = Kafka.readAll(SharedKafka.bootstrapServers(), originalTopic);
    assertThat(resent).hasSize(1);
    assertThat(header(resent.get(0), "ce_id")).isEqualTo("event-1149");

    assertThat(http.get("/admin/dead-letters/" + GROUP + "/" + MOSTLY_ON + "-" + 5000).status()).isEqualTo(404);
    assertThat(http.get("/admin/dead-letters/" + GROUP + "/" + PARTITIONS + "-0").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("refuses a malformed cursor or a limit out of range with a 400 problem")
  void refusesBadPaging() {
    String notJson = Base64.getUrlEncoder().withoutPadding().encodeToString("not json".getBytes(StandardCharsets.UTF_8));
    String negativeOffset = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"0\":-1}".getBytes(StandardCharsets.UTF_8));
    for (String query : List.of("cursor=" + URLEncoder.encode("%%%", StandardCharsets.UTF_8), "cursor=" + notJson,
      "cursor=" + negativeOffset, "cursor=" + "A".repeat(2100), "limit=0", "limit=1001", "limit=ten")) {
      Http.Response refused = http.get("/admin/dead-letters/" + GROUP + "?" + query);
      assertThat(refused.status()).as(query).isEqualTo(400);
      assertThat(refused.contentType()).as(query).startsWith("application/problem+json");
    }
  }

  /** Most on one partition, so that one partition holds far more than a page; the rest spread over the others. */
  private static void park(String deadLetterTopic) throws ExecutionException, InterruptedException {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
      ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
      ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
      for (int i = 0; i < LETTERS; i++) {
        ProducerRecord<String, String> record = new ProducerRecord<>(deadLetterTopic, partitionOf(i), "key-" + i,
          new JsonObject().put("n", i).encode());
        Map<String, String> headers = Map.of(
          "ce_id", "event-" + i,
          "ce_type", "orderflow.test.Parked.v1",
          "dlt_error", "cannot handle " + i,
          "dlt_attempts", "3",
          "dlt_group", GROUP,
          "dlt_original_topic", originalTopic,
          "dlt_original_partition", "0",
          "dlt_original_offset", String.valueOf(i),
          "dlt_time", "2026-01-01T00:00:00Z");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        sends.add(producer.send(record));
      }
      producer.flush();
    }
    // a send that failed would leave a hole the paging tests would blame on the reader
    for (Future<RecordMetadata> send : sends) {
      send.get();
    }
  }

  private static int partitionOf(int i) {
    return i < 1200 ? MOSTLY_ON : 1 + i % (PARTITIONS - 1);
  }

  private static List<String> expectedIds() {
    Map<Integer, Integer> nextOffset = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < LETTERS; i++) {
      int partition = partitionOf(i);
      int offset = nextOffset.merge(partition, 1, Integer::sum) - 1;
      ids.add(partition + "-" + offset);
    }
    return ids;
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    return Optional.ofNullable(record.headers().lastHeader(name)).map(header -> new String(header.value(), StandardCharsets.UTF_8))
      .orElse(null);
  }
}

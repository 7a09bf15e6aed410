package dev.orderflow;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.SharedKafka;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("kcat, a non-Java Kafka client, reads a topic with its CloudEvents headers (the README's command)")
class KcatTest {

  @Test
  void kcatReadsCloudEvents() throws IOException, InterruptedException {
    try (TestInstance orderflow = TestInstance.start()) {
      Http http = orderflow.http();
      String id = http.post("/api/v1/customers", "application/json",
        new JsonObject().put("email", "kcat@example.com").put("name", "Kcat").encode()).json().getString("id");
      Await.until("the welcome message", Duration.ofSeconds(20),
        () -> !http.get("/api/v1/customers/" + id + "/notifications").json().getJsonArray("notifications").isEmpty());

      Process kcat = new ProcessBuilder(List.of("kcat", "-b", SharedKafka.bootstrapServers(), "-C",
        "-t", orderflow.topic("orderflow.customers"), "-o", "beginning", "-e", "-f", "%k %h %s\\n"))
        .redirectErrorStream(true).start();
      assertThat(kcat.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(kcat.exitValue()).as(output).isZero();
      assertThat(output).contains(id + " ce_id=", "ce_type=orderflow.customers.CustomerRegistered.v1", "ce_specversion=1.0",
        "content-type=application/json", "\"email\":\"kcat@example.com\"");
    }
  }
}

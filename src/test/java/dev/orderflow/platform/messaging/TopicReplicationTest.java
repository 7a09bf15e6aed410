package dev.orderflow.platform.messaging;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Topic replication: the configured factor, capped by the brokers present")
class TopicReplicationTest {

  @Test
  @DisplayName("3 configured: 1 on one broker, 2 on two, 3 on three or more; 1 configured stays 1")
  void cappedByBrokers() {
    MessagingOptions three = options(3);
    assertThat(three.replicationOn(1)).isEqualTo((short) 1);
    assertThat(three.replicationOn(2)).isEqualTo((short) 2);
    assertThat(three.replicationOn(3)).isEqualTo((short) 3);
    assertThat(three.replicationOn(5)).isEqualTo((short) 3);
    assertThat(options(1).replicationOn(3)).isEqualTo((short) 1);
    assertThat(three.replicationOn(0)).as("no broker listed yet").isEqualTo((short) 1);
  }

  private static MessagingOptions options(int replication) {
    return MessagingSettings.options(new JsonObject().put("topic-replication", replication));
  }
}

package dev.orderflow.platform.bus;

import dev.orderflow.platform.core.StartupException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A bus endpoint serves exactly the actions its contract declares")
class BusEndpointTest {

  private static final Logger LOG = LoggerFactory.getLogger(BusEndpointTest.class);
  private static final String ADDRESS = "test.endpoint";

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("the declared actions served: a request to one is answered")
  void servesTheDeclaredActions() {
    BusEndpoint.serve(vertx, ADDRESS, Set.of("echo"), LOG, Map.of("echo", request -> Future.succeededFuture(request.body()))).await();

    JsonObject reply = vertx.eventBus().<JsonObject>request(ADDRESS, new JsonObject().put("said", "hi"),
      new DeliveryOptions().addHeader(ServiceClient.ACTION_HEADER, "echo")).await().body();
    assertThat(reply.getString("said")).isEqualTo("hi");
  }

  @Test
  @DisplayName("a declared action not served, or a served one not declared, fails the start naming both sets (planted mismatch)")
  void mismatchFailsTheStart() {
    assertThatThrownBy(() -> BusEndpoint.serve(vertx, ADDRESS, Set.of("echo", "ship"), LOG,
      Map.of("echo", request -> Future.succeededFuture(request.body()), "shout", request -> Future.succeededFuture(request.body()))).await())
      .isInstanceOf(StartupException.class)
      .hasMessage("test.endpoint: the contract declares actions [echo, ship] but the endpoint serves [echo, shout]");
    assertThatThrownBy(() -> vertx.eventBus().request(ADDRESS, new JsonObject(),
      new DeliveryOptions().addHeader(ServiceClient.ACTION_HEADER, "echo")).await())
      .as("nothing is served").isInstanceOfSatisfying(ReplyException.class,
        reply -> assertThat(reply.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
  }
}

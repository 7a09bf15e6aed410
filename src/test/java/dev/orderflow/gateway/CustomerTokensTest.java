package dev.orderflow.gateway;

import dev.orderflow.support.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerTokensTest {

  @TempDir
  Path dataDir;
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("a token that verified once is still refused once it expires (the verdict is remembered only until exp)")
  void rememberedUntilExpiry() throws Exception {
    CustomerTokens tokens = CustomerTokens.start(vertx, new TokenOptions("", "", "orderflow", "orderflow-api", 4), dataDir)
      .await(30, TimeUnit.SECONDS);
    String token = tokens.issue("c-1").accessToken();

    assertThat(tokens.verify(token).await(5, TimeUnit.SECONDS)).isEqualTo("c-1");
    assertThat(tokens.verify(token).await(5, TimeUnit.SECONDS)).as("answered from memory").isEqualTo("c-1");

    Await.until("the remembered token is refused after its exp", Duration.ofSeconds(10),
      () -> tokens.verify(token).toCompletionStage().toCompletableFuture().handle((customer, failure) -> failure != null).join());
    assertThat(tokens.verify(tokens.issue("c-2").accessToken()).await(5, TimeUnit.SECONDS)).isEqualTo("c-2");
  }
}

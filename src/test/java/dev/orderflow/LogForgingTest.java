package dev.orderflow;

import ch.qos.logback.classic.Logger;
import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.logging.LogFormat;
import dev.orderflow.support.Await;
import dev.orderflow.support.LogCapture;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Client input cannot forge log lines or drive a terminal")
class LogForgingTest {

  private static final String FORGED = "ERROR [main] FORGEDLINE7";

  @Test
  @DisplayName("a line feed in a sku and an ESC in a URI stay inside their own text log line, escaped")
  void textLinesStayWhole() throws IOException {
    try (TestInstance orderflow = TestInstance.start(); LogCapture log = LogCapture.of("text")) {
      Shop shop = new Shop(orderflow.http());
      int status = shop.place(Shop.order(shop.newCustomer(), "tok_visa", "abc\n" + FORGED, 1)).status();
      sendRawRequestLine(orderflow.http().baseUrl(), "GET /api/v1/items/ansi\u001b[31mRED HTTP/1.1");

      Await.until("the refusal of the forged sku and the access line of the ESC request", Duration.ofSeconds(10),
        () -> log.lines().stream().anyMatch(line -> line.contains("FORGEDLINE7' in the catalog"))
          && log.lines().stream().anyMatch(line -> line.contains("[31mRED 400")));
      List<String> lines = log.lines();
      assertThat(status).isEqualTo(400);
      assertThat(lines).noneMatch(line -> line.startsWith(FORGED)).noneMatch(line -> line.indexOf('\u001b') >= 0)
        .anyMatch(line -> line.contains("sku 'abc\\n" + FORGED + "' in the catalog"))
        .anyMatch(line -> line.contains("GET /api/v1/items/ansi\\u001b[31mRED 400"));
    }
  }

  @Test
  @DisplayName("ORDERFLOW_LOG_FORMAT=json writes one parseable JSON object per line, the correlation id a field of its own")
  void jsonFormat() {
    Logger logger = (Logger) LoggerFactory.getLogger("orderflow.access");
    try {
      LogFormat.apply("json");
      try (LogCapture log = LogCapture.of("json")) {
        logger.atWarn().addKeyValue(Correlation.LOG_FIELD, "corr-json-1").setCause(new IllegalStateException("bad\r\ninput\u001b[2J"))
          .log("refused sku 'abc\n{}'", FORGED);

        List<String> lines = log.lines();
        assertThat(lines).hasSize(1);
        JsonObject line = new JsonObject(lines.get(0));
        assertThat(line.getString("message")).isEqualTo("refused sku 'abc\n" + FORGED + "'");
        assertThat(line.getString("level")).isEqualTo("WARN");
        assertThat(line.getString("logger_name")).isEqualTo("orderflow.access");
        assertThat(line.getString("thread_name")).isEqualTo(Thread.currentThread().getName());
        assertThat(line.getString("@timestamp")).isNotBlank();
        assertThat(line.getString(Correlation.LOG_FIELD)).isEqualTo("corr-json-1");
        assertThat(line.getString("stack_trace")).contains("bad\r\ninput\u001b[2J");
        assertThat(lines.get(0)).doesNotContain("\u001b");
      }
    } finally {
      LogFormat.apply("text");
    }
  }

  /** What curl --path-as-is cannot send and java.net.http refuses: raw control bytes in the request target. */
  private static void sendRawRequestLine(String baseUrl, String requestLine) throws IOException {
    URI uri = URI.create(baseUrl);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write((requestLine + "\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      in.readAllBytes();
    }
  }
}

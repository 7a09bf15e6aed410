package dev.orderflow.gateway;

import dev.orderflow.support.Await;
import dev.orderflow.support.Http;
import dev.orderflow.support.TestInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Slow and idle clients cannot hold the gateway's connections")
class SlowClientsTest {

  private static final int SLOW_CLIENTS = 50;

  @Test
  @DisplayName("connections dripping a header a byte at a time are closed within the read timeout while normal clients are served")
  void slowHeadersAreCut() throws Exception {
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_HTTP_REQUEST_READ_TIMEOUT_MS", "1500",
      "ORDERFLOW_HTTP_IDLE_TIMEOUT_MS", "60000")) {
      Http client = new Http(orderflow.http().baseUrl());
      assertSlowClientsCut(URI.create(client.baseUrl()), () -> client.get("/api/v1/items/MUG-0001").status() == 200);
    }
  }

  @Test
  @DisplayName("the payment provider stand-in's own server cuts slow headers the same way")
  void providerCutsSlowHeaders() throws Exception {
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "payment-provider,payments,gateway",
      "ORDERFLOW_PAYMENT_PROVIDER_REQUEST_READ_TIMEOUT_MS", "1500")) {
      Http provider = Http.asPaymentsModule(orderflow.instance().httpEndpoint("payment-provider"));
      assertSlowClientsCut(URI.create(provider.baseUrl()), () -> provider.get("/v1/charges/ch_none").status() == 404);
    }
  }

  private static void assertSlowClientsCut(URI base, BooleanSupplier normalClientServed) throws IOException {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.getOutputStream().write(("GET /api/v1/items HTTP/1.1\r\nHost: x\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
        slow.add(socket);
      }
      long started = System.nanoTime();
      List<Socket> open = new ArrayList<>(slow);
      while (!open.isEmpty() && System.nanoTime() - started < Duration.ofSeconds(10).toNanos()) {
        assertThat(normalClientServed.getAsBoolean()).as("a normal client is served").isTrue();
        open.removeIf(socket -> !drip(socket));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(open).as("slow connections still open after %s", took).isEmpty();
      assertThat(took).as("closed within the read timeout and a margin").isLessThan(Duration.ofSeconds(6));
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  @DisplayName("a connection that sends nothing is closed; beyond max-connections (counted over all event loops) a new one is closed"
    + " at once, and served again after")
  void idleConnectionsAndTheCap() throws Exception {
    try (TestInstance orderflow = TestInstance.start("ORDERFLOW_MODULES", "catalog,gateway", "ORDERFLOW_HTTP_MAX_CONNECTIONS", "5",
      "ORDERFLOW_HTTP_EVENT_LOOPS", "4",
      "ORDERFLOW_HTTP_REQUEST_READ_TIMEOUT_MS", "2000")) {
      URI base = URI.create(orderflow.http().baseUrl());
      List<Socket> held = new ArrayList<>();
      ExecutorService readers = Executors.newFixedThreadPool(6);
      try {
        for (int i = 0; i < 6; i++) {
          held.add(new Socket(base.getHost(), base.getPort()));
        }
        // which of the six is one too many depends on the order the event loops take them in
        long opened = System.nanoTime();
        List<Future<Duration>> closedAfter = new ArrayList<>();
        for (Socket socket : held) {
          closedAfter.add(readers.submit(() -> {
            socket.setSoTimeout(6000);
            assertThat(socket.getInputStream().read()).as("the server closes the connection").isEqualTo(-1);
            return Duration.ofNanos(System.nanoTime() - opened);
          }));
        }
        List<Duration> closed = new ArrayList<>();
        for (Future<Duration> after : closedAfter) {
          closed.add(after.get());
        }
        closed.sort(null);

        assertThat(closed.get(0)).as("one connection over the cap is refused fast").isLessThan(Duration.ofMillis(900));
        assertThat(closed.subList(1, 6)).as("the five idle ones are closed after the 2 s read timeout")
          .allMatch(idle -> idle.compareTo(Duration.ofMillis(1500)) > 0);
        Await.until("a new client is served once the idle ones are gone", Duration.ofSeconds(5),
          () -> new Http(orderflow.http().baseUrl()).get("/api/v1/items/MUG-0001").status() == 200);
      } finally {
        readers.shutdownNow();
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }

  /** Sends one more header byte; false once the server has closed the connection. */
  private static boolean drip(Socket socket) {
    try {
      socket.setSoTimeout(20);
      InputStream in = socket.getInputStream();
      try {
        if (in.read() == -1) {
          return false;
        }
      } catch (SocketTimeoutException stillOpen) {
        // nothing to read yet: the connection is open
      }
      socket.getOutputStream().write('a');
      return true;
    } catch (IOException closed) {
      return false;
    }
  }
}

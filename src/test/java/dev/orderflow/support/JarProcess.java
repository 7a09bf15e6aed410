package dev.orderflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/orderflow.jar} as a user runs it: its own process, free ports, a data
 * directory of the test's, output captured to files. Stops only the process it started.
 */
public final class JarProcess implements AutoCloseable {

  private static final Path JAR = Path.of(System.getProperty("orderflow.jar", "target/orderflow.jar"));
  public static final Path ARCHIVE = JAR.resolveSibling("orderflow.jsa");

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final int httpPort;
  private final int kafkaPort;

  private JarProcess(Process process, Path stdout, Path stderr, int httpPort, int kafkaPort) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.httpPort = httpPort;
    this.kafkaPort = kafkaPort;
  }

  /** Starts the jar with embedded defaults in {@code dataDir}, on free ports, plus {@code settings}. */
  public static JarProcess start(Path dataDir, Map<String, String> settings) {
    return start(dataDir, freePort(), freePort(), settings);
  }

  public static JarProcess start(Path dataDir, int httpPort, int kafkaPort, Map<String, String> settings) {
    return start(dataDir, httpPort, kafkaPort, settings, List.of(), List.of());
  }

  /**
   * Starts the jar as the README runs it, with the class-data-sharing archive the build wrote beside it
   * (a JVM finding no archive there starts without one) and huge methods compiled, plus {@code jvmOptions} and the jar's {@code arguments}.
   */
  public static JarProcess start(Path dataDir, int httpPort, int kafkaPort, Map<String, String> settings,
                                 List<String> jvmOptions, List<String> arguments) {
    try {
      Path stdout = Files.createTempFile("orderflow-jar", ".out");
      Path stderr = Files.createTempFile("orderflow-jar", ".err");
      List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:SharedArchiveFile=" + ARCHIVE.toAbsolutePath(),
        "-XX:-DontCompileHugeMethods"));
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
      Map<String, String> environment = builder.environment();
      environment.keySet().removeIf(name -> name.startsWith("ORDERFLOW_"));
      Map<String, String> all = new HashMap<>(Map.of(
        "ORDERFLOW_HTTP_HOST", "127.0.0.1",
        "ORDERFLOW_HTTP_PORT", String.valueOf(httpPort),
        "ORDERFLOW_KAFKA_EMBEDDED_PORT", String.valueOf(kafkaPort),
        "ORDERFLOW_DATA_DIR", dataDir.toString(),
        "ORDERFLOW_ADMIN_TOKEN_SHA256", Http.ADMIN_TOKEN_SHA256,
        "ORDERFLOW_RATE_LIMIT_ENABLED", "false",
        "ORDERFLOW_PAYMENT_PROVIDER_PORT", "0"));
      all.putAll(settings);
      environment.putAll(all);
      return new JarProcess(builder.start(), stdout, stderr, httpPort, kafkaPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JarProcess awaitReady(Duration timeout) {
    Http http = http();
    Await.until("the jar answers /health/ready with 200", timeout, () -> {
      if (!process.isAlive()) {
        throw new AssertionError("the jar exited with " + process.exitValue() + ":\n" + stderr() + stdout());
      }
      try {
        return http.get("/health/ready").status() == 200;
      } catch (UncheckedIOException notYetListening) {
        return false;
      }
    });
    return this;
  }

  public Http http() {
    return Http.asAdmin("http://127.0.0.1:" + httpPort);
  }

  public String kafkaBootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM, then the exit code, waiting at most {@code timeout}. */
  public int terminate(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  /** SIGKILL: the process gets no chance to clean up. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(10));
  }

  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the jar did not exit within " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public String stdout() {
    return read(stdout);
  }

  public String stderr() {
    return read(stderr);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(10));
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.orderflow.platform;

import dev.orderflow.platform.core.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Process entry: starts an {@link Instance}, turns startup errors into one line and a non-zero
 * exit, and turns SIGTERM/SIGINT into an orderly stop with exit code 0.
 */
public final class Launcher {

  public static final int EXIT_CONFIGURATION = 2;
  public static final int EXIT_FAILURE = 1;
  private static final String CLUSTER_FLAG = "-cluster";

  private Launcher() {
  }

  /** Starts the modules of {@code registry}; {@code -cluster} in {@code args} is {@code ORDERFLOW_CLUSTER=true}. */
  public static void run(ModuleRegistry registry, String... args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Logger log = LoggerFactory.getLogger(Launcher.class);
    Instance instance;
    try {
      instance = Instance.start(registry, flags(args));
    } catch (StartupException e) {
      System.err.println("orderflow: " + e.getMessage());
      System.exit(EXIT_CONFIGURATION);
      return;
    } catch (RuntimeException e) {
      System.err.println("orderflow: startup failed: " + StartupException.rootMessage(e));
      System.exit(EXIT_FAILURE);
      return;
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable stop = () -> {
      if (stopping.compareAndSet(false, true)) {
        log.info("stop signal received: draining HTTP, unpublishing, closing Kafka and databases");
        instance.stop();
        System.exit(0);
      }
    };
    Signal.handle(new Signal("TERM"), signal -> stop.run());
    Signal.handle(new Signal("INT"), signal -> stop.run());
  }

  private static Map<String, String> flags(String... args) {
    Map<String, String> overrides = new HashMap<>();
    for (String arg : args) {
      if (!CLUSTER_FLAG.equals(arg)) {
        throw StartupException.of("arguments", "unknown argument '" + arg + "': the shop takes " + CLUSTER_FLAG
          + " (or 'loadgen ...' as the first argument)");
      }
      overrides.put("ORDERFLOW_CLUSTER", "true");
    }
    return overrides;
  }
}

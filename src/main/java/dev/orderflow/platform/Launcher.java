package dev.orderflow.platform;

import dev.orderflow.platform.core.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Process entry: starts an {@link Instance}, turns startup errors into one line and a non-zero
 * exit, and turns SIGTERM/SIGINT into an orderly stop with exit code 0. With {@code --stop-when-ready}
 * it stops the same way as soon as the instance is ready: the build's training run, whose JVM writes
 * the class-data-sharing archive at exit (every class loaded to reach ready, so a start with that
 * archive skips loading and verifying them), and a smoke check of a deployment's settings.
 */
public final class Launcher {

  public static final int EXIT_CONFIGURATION = 2;
  public static final int EXIT_FAILURE = 1;
  private static final String CLUSTER_FLAG = "-cluster";
  private static final String STOP_WHEN_READY_FLAG = "--stop-when-ready";

  private Launcher() {
  }

  /**
   * Starts the modules of {@code registry}; {@code -cluster} in {@code args} is {@code ORDERFLOW_CLUSTER=true},
   * {@code --stop-when-ready} stops the instance once it is ready and exits 0.
   */
  public static void run(ModuleRegistry registry, String... args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Logger log = LoggerFactory.getLogger(Launcher.class);
    List<String> arguments = List.of(args);
    Instance instance;
    try {
      instance = Instance.start(registry, overrides(arguments));
    } catch (StartupException e) {
      System.err.println("orderflow: " + e.getMessage());
      System.exit(EXIT_CONFIGURATION);
      return;
    } catch (RuntimeException e) {
      System.err.println("orderflow: startup failed: " + StartupException.rootMessage(e));
      System.exit(EXIT_FAILURE);
      return;
    }
    if (arguments.contains(STOP_WHEN_READY_FLAG)) {
      log.info("ready: stopping as asked by {}", STOP_WHEN_READY_FLAG);
      instance.stop();
      System.exit(0);
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

  private static Map<String, String> overrides(List<String> args) {
    for (String arg : args) {
      if (!CLUSTER_FLAG.equals(arg) && !STOP_WHEN_READY_FLAG.equals(arg)) {
        throw StartupException.of("arguments", "unknown argument '" + arg + "': the shop takes " + CLUSTER_FLAG
          + " and " + STOP_WHEN_READY_FLAG + " (or 'loadgen ...' as the first argument)");
      }
    }
    return args.contains(CLUSTER_FLAG) ? Map.of("ORDERFLOW_CLUSTER", "true") : Map.of();
  }
}

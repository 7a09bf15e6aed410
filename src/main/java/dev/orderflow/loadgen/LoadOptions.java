package dev.orderflow.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@code loadgen}, validated: where to send, how fast, how long, which checkout,
 * how many customers and connections, which skus, and the optional admin token and JSON report.
 */
record LoadOptions(URI target, int rate, Duration duration, Mode mode, int customers, List<String> skus,
                   int connections, Duration settleTimeout, Duration requestTimeout, String adminToken, String jsonReport,
                   Duration warmUp) {

  /**
   * The saga behind {@code POST /api/v1/orders} (202), followed to each order's end; its synchronous twin
   * {@code POST /api/v1/checkout/sync}; or acceptance alone: {@code POST /api/v1/orders} to its 202, the
   * orders not followed (a front node without the checkout, where no order settles).
   */
  enum Mode {
    ASYNC, SYNC, ACCEPT;

    /** Whether the run follows each accepted order to its end. */
    boolean followsOrders() {
      return this == ASYNC;
    }

    /** Whether the run waits for each accepted order to settle: followed (async) or answered settled (sync). */
    boolean settlesOrders() {
      return this != ACCEPT;
    }
  }

  /** The demo catalog's skus, all stocked on a fresh instance. */
  static final List<String> DEMO_SKUS = List.of("MUG-0001", "PEN-0001", "BOOK-0001", "LAMP-0001", "DESK-0001", "CHAIR-0001");
  /** Orders per customer when --customers is not given: one page of a customer's order list holds them all. */
  static final int ORDERS_PER_CUSTOMER = 50;
  static final String USAGE = """
    usage: java -jar orderflow.jar loadgen --target http://127.0.0.1:8080 --rate 500 --duration 60s [options]
      --mode async|sync|accept  POST /api/v1/orders (202, the saga, followed to each order's end), POST /api/v1/checkout/sync,
                              or POST /api/v1/orders timed to its 202 only, orders not followed (default async)
      --customers N           customers to register and spread the orders over (default: one per 50 orders)
      --skus A,B              skus ordered in turn, one unit each (default: the demo catalog's six)
      --connections C         HTTP connections to the target at most (default 64)
      --settle-timeout 60s    how long to wait after the last order for every order to settle (default 60s)
      --request-timeout 30s   how long one request may wait for a connection and then for its answer (default 30s)
      --admin-token T         tops up each sku's available stock first (PUT /admin/inventory/{sku}) so no order runs out
      --json FILE             also writes the summary as JSON to FILE
      --warmup 10s            first offers the same load this long in the same JVM, unmeasured, so that the
                              measured run starts with the load generator's own code compiled (default none)
    durations: 500ms, 10s, 2m; switch the target's rate limiting off (ORDERFLOW_RATE_LIMIT_ENABLED=false): 429s count as errors""";

  LoadOptions {
    if (rate < 1 || connections < 1 || customers < 1) {
      throw new IllegalArgumentException("--rate, --connections and --customers must be at least 1");
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("--duration must be positive");
    }
    if (warmUp.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if (skus.isEmpty()) {
      throw new IllegalArgumentException("--skus names no sku");
    }
  }

  /** Orders the run offers in all: rate × duration. */
  long totalOrders() {
    return totalOrders(rate, duration);
  }

  private static long totalOrders(int rate, Duration duration) {
    return Math.max(1, rate * duration.toMillis() / 1000);
  }

  /** The unmeasured run before this one: the same load for the warm-up's length, with as many customers as it needs, reported nowhere. */
  LoadOptions warmUpRun() {
    int warmUpCustomers = (int) Math.min(customers, defaultCustomers(totalOrders(rate, warmUp)));
    return new LoadOptions(target, rate, warmUp, mode, warmUpCustomers, skus, connections, settleTimeout, requestTimeout, adminToken,
      null, Duration.ZERO);
  }

  private static long defaultCustomers(long totalOrders) {
    return Math.min(100_000, (totalOrders + ORDERS_PER_CUSTOMER - 1) / ORDERS_PER_CUSTOMER);
  }

  static LoadOptions parse(String... args) {
    Parsed parsed = new Parsed();
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      parsed.set(flag, args[i + 1]);
    }
    if (parsed.target == null || parsed.rate == null || parsed.duration == null) {
      throw new IllegalArgumentException("--target, --rate and --duration are required");
    }
    int customers = parsed.customers != null ? parsed.customers : (int) defaultCustomers(totalOrders(parsed.rate, parsed.duration));
    return new LoadOptions(parsed.target, parsed.rate, parsed.duration, parsed.mode, customers, parsed.skus, parsed.connections,
      parsed.settleTimeout, parsed.requestTimeout, parsed.adminToken, parsed.jsonReport, parsed.warmUp);
  }

  static Duration duration(String flag, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(flag + ": '" + text + "' is not a duration such as 500ms, 10s or 2m");
    }
  }

  private static int positive(String flag, String text) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, with the flag's name
    }
    throw new IllegalArgumentException(flag + ": '" + text + "' is not a whole number of at least 1");
  }

  /** The flags as they are read, before the defaults that depend on others are filled in. */
  private static final class Parsed {
    URI target;
    Integer rate;
    Duration duration;
    Mode mode = Mode.ASYNC;
    Integer customers;
    List<String> skus = DEMO_SKUS;
    int connections = 64;
    Duration settleTimeout = Duration.ofSeconds(60);
    Duration requestTimeout = Duration.ofSeconds(30);
    String adminToken;
    String jsonReport;
    Duration warmUp = Duration.ZERO;

    void set(String flag, String value) {
      switch (flag) {
        case "--target" -> target = target(value);
        case "--rate" -> rate = positive(flag, value);
        case "--duration" -> duration = duration(flag, value);
        case "--mode" -> mode = mode(value);
        case "--customers" -> customers = positive(flag, value);
        case "--skus" -> skus = Arrays.stream(value.split(",")).map(String::trim).filter(sku -> !sku.isEmpty()).toList();
        case "--connections" -> connections = positive(flag, value);
        case "--settle-timeout" -> settleTimeout = duration(flag, value);
        case "--request-timeout" -> requestTimeout = duration(flag, value);
        case "--admin-token" -> adminToken = value;
        case "--json" -> jsonReport = value;
        case "--warmup" -> warmUp = value.trim().equals("0") ? Duration.ZERO : duration(flag, value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }

    private static URI target(String value) {
      URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
        throw new IllegalArgumentException("--target: '" + value + "' is not http://host:port");
      }
      return uri;
    }

    private static Mode mode(String value) {
      return switch (value) {
        case "async" -> Mode.ASYNC;
        case "sync" -> Mode.SYNC;
        case "accept" -> Mode.ACCEPT;
        default -> throw new IllegalArgumentException("--mode: '" + value + "' is not async, sync or accept");
      };
    }
  }
}

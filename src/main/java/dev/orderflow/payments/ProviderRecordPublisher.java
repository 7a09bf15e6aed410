package dev.orderflow.payments;

import dev.orderflow.platform.bus.Discovery;
import dev.orderflow.platform.core.StartupException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Publishes the {@code payment-provider} HTTP-endpoint record for a configured base URL (a real
 * PSP) while the module runs, so that pointing payments elsewhere is configuration, not code.
 */
final class ProviderRecordPublisher extends VerticleBase {

  static final String SETTING = "ORDERFLOW_PAYMENTS_PROVIDER_URL";

  private final Discovery discovery;
  private final URI baseUrl;
  private String registration;

  ProviderRecordPublisher(Discovery discovery, String baseUrl) {
    this.discovery = discovery;
    this.baseUrl = parse(baseUrl);
  }

  @Override
  public Future<?> start() {
    boolean ssl = "https".equals(baseUrl.getScheme());
    int port = baseUrl.getPort() != -1 ? baseUrl.getPort() : ssl ? 443 : 80;
    String root = baseUrl.getRawPath() == null || baseUrl.getRawPath().isEmpty() ? "/" : baseUrl.getRawPath();
    return discovery.publishHttpEndpoint(PaymentsContract.PROVIDER_RECORD, ssl, baseUrl.getHost(), port, root)
      .onSuccess(published -> registration = published);
  }

  @Override
  public Future<?> stop() {
    return registration == null ? Future.succeededFuture() : discovery.unpublish(registration);
  }

  private static URI parse(String text) {
    URI uri = null;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      // the same startup error as any other malformed URL
    }
    if (uri == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null
      || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw StartupException.of(SETTING, "'" + text + "' is not an http(s)://host[:port][/path] base URL");
    }
    if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
      throw StartupException.of(SETTING, "plain http to " + uri.getHost() + " would send the provider's secret key in the clear: use https");
    }
    return uri;
  }

  private static boolean isLoopback(String host) {
    return "localhost".equals(host) || host.startsWith("127.") || "[::1]".equals(host);
  }
}

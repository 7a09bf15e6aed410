package dev.orderflow.payments;

import dev.orderflow.platform.Discovery;
import dev.orderflow.platform.StartupException;
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
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
        && uri.getRawQuery() == null && uri.getRawFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // the same startup error as any other malformed URL
    }
    throw StartupException.of(SETTING, "'" + text + "' is not an http(s)://host[:port][/path] base URL");
  }
}

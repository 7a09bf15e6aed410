package dev.orderflow.platform.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * vertx-micrometer-metrics with HTTP server requests counted on meters resolved once ({@link HttpRequestMeters}).
 * The library (5.0.8) looks a request's five meters up in the registry by their tags, building and hashing
 * their ids and registering its in-flight gauge again: a fifth of the gateway's CPU on {@code GET /health/live}
 * (BENCHMARKS.md, eleventh pass). Every other metric is the library's.
 */
final class ResolvedMetricsFactory implements VertxMetricsFactory {

  private final MicrometerMetricsFactory library;
  private final MeterRegistry registry;

  ResolvedMetricsFactory(MeterRegistry registry) {
    this.library = new MicrometerMetricsFactory(registry);
    this.registry = registry;
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    VertxMetrics metrics = library.metrics(options);
    // the library names a domain's meters under "vertx.<category>."
    MetricsNaming names = ((MicrometerMetricsOptions) options.getMetricsOptions()).getMetricsNaming()
      .withBaseName("vertx." + MetricsDomain.HTTP_SERVER.toCategory() + ".");
    HttpRequestMeters requests = new HttpRequestMeters(registry, names);
    return new VertxMetrics() {
      @Override
      public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions serverOptions, SocketAddress localAddress) {
        HttpServerMetrics<?, ?, ?> connections = metrics.createHttpServerMetrics(serverOptions, localAddress);
        return connections == null ? null : new HttpServerRequestMetrics<>(connections, requests);
      }

      @Override
      public EventBusMetrics createEventBusMetrics() {
        return metrics.createEventBusMetrics();
      }

      @Override
      public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
        return metrics.createClientMetrics(remoteAddress, type, namespace);
      }

      @Override
      public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions clientOptions) {
        return metrics.createHttpClientMetrics(clientOptions);
      }

      @Override
      public TCPMetrics<?> createNetServerMetrics(NetServerOptions serverOptions, SocketAddress localAddress) {
        return metrics.createNetServerMetrics(serverOptions, localAddress);
      }

      @Override
      public TCPMetrics<?> createNetClientMetrics(NetClientOptions clientOptions) {
        return metrics.createNetClientMetrics(clientOptions);
      }

      @Override
      public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions socketOptions) {
        return metrics.createDatagramSocketMetrics(socketOptions);
      }

      @Override
      public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
        return metrics.createPoolMetrics(poolType, poolName, maxPoolSize);
      }

      @Override
      public void vertxCreated(Vertx vertx) {
        metrics.vertxCreated(vertx);
      }

      @Override
      public boolean isMetricsEnabled() {
        return metrics.isMetricsEnabled();
      }

      @Override
      public void close() {
        metrics.close();
      }
    };
  }

  @Override
  public MetricsOptions newOptions() {
    return library.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return library.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return library.newOptions(json);
  }
}

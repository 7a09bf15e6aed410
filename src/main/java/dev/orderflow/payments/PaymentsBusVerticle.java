package dev.orderflow.payments;

import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.core.Ids;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Answers the payments request-reply address. The provider client, its breaker and its bulkhead
 * are built here, in {@link #start}, so that they all live on this verticle's event loop.
 */
final class PaymentsBusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentsBusVerticle.class);

  private final Platform platform;
  private final PaymentsStore store;
  private final PaymentsOptions options;
  private WebClient webClient;
  private ProviderCalls provider;

  PaymentsBusVerticle(Platform platform, PaymentsStore store, PaymentsOptions options) {
    this.platform = platform;
    this.store = store;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    webClient = WebClient.create(vertx,
      new WebClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.timeoutMs()))
        // let go of an idle connection before the provider does, or a call may be sent on one it is closing
        .setKeepAliveTimeout(options.providerKeepAliveSeconds()),
      // as many pooled connections as calls may be in flight, so that the bulkhead, not the pool, queues
      new PoolOptions().setHttp1MaxSize(options.maxConcurrent()));
    ProviderClient client = new ProviderClient(platform.discovery(), webClient, options.providerApiKey(), options.timeoutMs());
    provider = new ProviderCalls(vertx, client, options, platform.metrics().registry());
    PaymentsService payments = new PaymentsService(store, provider);
    return BusEndpoint.serve(vertx, PaymentsContract.ADDRESS, PaymentsContract.ACTIONS, LOG, Map.of(
      PaymentsContract.CHARGE, request -> payments.charge(ChargeRequest.fromJson(request.body()), request.correlationId()),
      PaymentsContract.REFUND, request -> payments.refund(Ids.required(request.body(), "orderId"), request.correlationId()),
      PaymentsContract.LIST_PAYMENTS, request -> payments.listPayments(Ids.required(request.body(), "orderId")),
      PaymentsContract.TOTALS, request -> payments.totals()));
  }

  @Override
  public Future<?> stop() {
    if (provider != null) {
      provider.close();
    }
    if (webClient != null) {
      webClient.close();
    }
    return Future.succeededFuture();
  }
}

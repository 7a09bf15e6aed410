package dev.orderflow.gateway;

import dev.orderflow.platform.Platform;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.platform.http.Probes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP server of one event loop: the {@link Edge} checks first, then the routes, each answered by
 * the route class of the module it calls. The gateway deploys one per event loop it serves on, all
 * on one port; what they must share (limits, caches, tokens, the record) is {@link SharedGateway}.
 * On stop it waits until the gateway's record is withdrawn, stops accepting connections and lets
 * in-flight requests finish.
 */
final class GatewayHttpVerticle extends VerticleBase {

  static final String SERVICE = "gateway";

  private final Platform platform;
  private final GatewayOptions options;
  private final ApiContract contract;
  private final RequestValidation validation;
  private final SharedGateway shared;
  private HttpServer server;

  GatewayHttpVerticle(Platform platform, GatewayOptions options, ApiContract contract, RequestValidation validation, SharedGateway shared) {
    this.platform = platform;
    this.options = options;
    this.contract = contract;
    this.validation = validation;
    this.shared = shared;
  }

  /**
   * Port 0 asks for a free port; as Vert.x shares a port between servers only when it is named,
   * or, for a free one, by the same negative number, every event loop asks for -1 then.
   */
  @Override
  public Future<?> start() {
    int port = options.httpPort() == 0 ? -1 : options.httpPort();
    return shared.server().guard(vertx, vertx.createHttpServer(options.limits().applyTo(new HttpServerOptions())), router())
      .listen(port, options.httpHost())
      .recover(failure -> Future.failedFuture(StartupException.of("ORDERFLOW_HTTP_PORT",
        "cannot listen on " + options.httpHost() + ":" + options.httpPort() + ": " + failure.getMessage())))
      .onSuccess(listening -> {
        server = listening;
        shared.listeningOn(listening.actualPort());
      });
  }

  @Override
  public Future<?> stop() {
    return shared.withdraw().eventually(() -> server == null
      ? Future.succeededFuture()
      : server.shutdown(options.drainTimeoutMs(), TimeUnit.MILLISECONDS));
  }

  private Router router() {
    Router router = Router.router(vertx);
    new Edge(options, shared.rateLimiter()).mountOn(router);
    router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(contract.document()));
    ApiDocs.mount(router);
    Probes.mountOn(router, platform.readiness(), platform.metrics());
    RequestValidation.RouterChecks checks = validation.forRouter();
    mountOperations(router, checks);
    contract.verify(router);
    checks.bind(router);
    return router;
  }

  /**
   * The API's operations: each request is checked against the contract before its handler runs;
   * customer routes first need a customer's token (or the admin token) and act for that customer only.
   */
  private void mountOperations(Router router, RequestValidation.RouterChecks validation) {
    CheckoutBacklog backlog = shared.backlog();
    CustomerAccess access = shared.access();
    CatalogRoutes catalog = new CatalogRoutes(new CatalogCalls(platform.services()), shared.itemCache());
    CustomersRoutes customers = new CustomersRoutes(platform.services(), shared.tokens());
    NotificationsRoutes notifications = new NotificationsRoutes(platform.services());
    InventoryRoutes inventory = new InventoryRoutes(platform.services(), options.credentials());
    AnalyticsRoutes analytics = new AnalyticsRoutes(platform.services());
    MessagingRoutes messaging = new MessagingRoutes(platform);
    ClusterRoutes cluster = new ClusterRoutes(platform);
    PaymentProviderRoutes paymentProvider = new PaymentProviderRoutes(platform.services());
    CheckoutRoutes checkout = new CheckoutRoutes(platform.services(), options.checkoutSyncTimeoutMs());
    PaymentsRoutes payments = new PaymentsRoutes(platform.services());
    OrdersRoutes ordersAdmin = new OrdersRoutes(platform.services(), OrderRepresentation.V1);
    router.get("/api/v1/items").handler(validation).handler(catalog::list);
    router.get("/api/v1/items/:sku").handler(validation).handler(catalog::get);
    router.put("/admin/catalog/items/:sku").handler(Edge::requireJson).handler(validation).handler(catalog::put);
    router.post("/api/v1/customers").handler(Edge::requireJson).handler(validation).handler(customers::register);
    router.get("/api/v1/customers/:id").handler(access::authenticate).handler(validation).handler(customers::get);
    router.post("/api/v1/customers/:id/tokens").handler(access::authenticate).handler(validation).handler(customers::issueToken);
    router.get("/api/v1/customers/:id/notifications").handler(access::authenticate).handler(validation).handler(notifications::list);
    router.get("/api/v1/analytics/registrations").handler(validation).handler(analytics::registrations);
    router.get("/api/v1/analytics/orders").handler(validation).handler(analytics::orders);
    router.get("/api/v1/inventory/:sku").handler(validation).handler(inventory::stock);
    router.put("/admin/inventory/:sku").handler(Edge::requireJson).handler(validation).handler(inventory::setAvailable);
    router.get("/admin/messaging").handler(validation).handler(messaging::counts);
    router.get("/admin/cluster").handler(validation).handler(cluster::view);
    router.get("/admin/dead-letters/:group").handler(validation).handler(messaging::listDeadLetters);
    router.get("/admin/dead-letters/:group/:id").handler(validation).handler(messaging::inspectDeadLetter);
    router.post("/admin/dead-letters/:group/:id/redrive").handler(validation).handler(messaging::redriveDeadLetter);
    router.get("/admin/consumer-groups/:group").handler(validation).handler(messaging::consumerGroup);
    router.post("/admin/consumer-groups/:group/replay").handler(validation).handler(messaging::replay);
    router.get("/admin/faults").handler(validation).handler(paymentProvider::list);
    router.put("/admin/faults/payment-provider").handler(Edge::requireJson).handler(validation).handler(paymentProvider::setPaymentProvider);
    for (OrderRepresentation version : OrderRepresentation.values()) {
      OrdersRoutes orders = new OrdersRoutes(platform.services(), version);
      router.post(version.path()).handler(access::authenticate).handler(backlog::admit).handler(Edge::requireJson).handler(validation)
        .handler(orders::place);
      router.get(version.path()).handler(access::authenticate).handler(validation).handler(orders::list);
      router.get(version.path() + "/:id").handler(access::authenticate).handler(validation).handler(orders::get);
      router.post(version.path() + "/:id/cancel").handler(access::authenticate).handler(validation).handler(orders::cancel);
    }
    router.post("/api/v1/checkout/sync").handler(access::authenticate).handler(backlog::admit).handler(Edge::requireJson).handler(validation)
      .handler(checkout::sync);
    router.get("/api/v1/payments").handler(access::authenticate).handler(validation).handler(payments::list);
    router.get("/admin/sagas").handler(validation).handler(checkout::sagas);
    router.post("/admin/sagas/:orderId/retry").handler(validation).handler(checkout::retrySaga);
    router.post("/admin/orders/rebuild-view").handler(validation).handler(ordersAdmin::rebuildView);
  }
}

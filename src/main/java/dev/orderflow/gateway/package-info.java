/**
 * Gateway: Orderflow's only public HTTP server. Owns no data, except the customers' bearer tokens
 * it signs.
 *
 * <p>Layout: {@link dev.orderflow.gateway.GatewayModule} deploys one
 * {@link dev.orderflow.gateway.GatewayHttpVerticle} (server lifecycle, the route table) per event
 * loop it serves HTTP on, all on one port; {@link dev.orderflow.gateway.SharedGateway} holds what they
 * share: the rate limiter, the connection count, tokens, caches, the checkout backlog and the
 * discovery record {@code gateway}. Every request first passes {@link dev.orderflow.gateway.Edge},
 * the one decision point for edge checks, in this order: correlation id and access log, secure
 * headers, {@link dev.orderflow.gateway.CanonicalPath}, the query string, CORS,
 * {@link dev.orderflow.gateway.RateLimiter}, {@link dev.orderflow.gateway.Credentials}, the body and
 * its limit; {@code Edge} also checks JSON bodies and answers the router's own errors. Then each
 * operation is validated against the OpenAPI contract ({@link dev.orderflow.gateway.ApiContract},
 * {@link dev.orderflow.gateway.RequestValidation}); customer routes pass
 * {@link dev.orderflow.gateway.CustomerAccess} and act only for the token's customer (the admin token
 * acts for any). Placing an order (and the synchronous checkout) first passes
 * {@link dev.orderflow.gateway.CheckoutBacklog}: 503 with Retry-After while the checkouts' backlog,
 * as their {@code checkout.backlog} notices tell, is past its bound. Every error is
 * {@code application/problem+json} ({@link dev.orderflow.gateway.Problems}).
 *
 * <p>Route classes are named after the module they call, through the platform's request-reply
 * client (timeout, circuit breaker): {@code CatalogRoutes} ({@code catalog}, with an item cache
 * dropped on {@code catalog.item-changed}), {@code CustomersRoutes} ({@code customers}),
 * {@code NotificationsRoutes} ({@code notifications}), {@code InventoryRoutes} ({@code inventory}),
 * {@code AnalyticsRoutes} ({@code analytics}), {@code OrdersRoutes} ({@code orders}, versions 1 and
 * 2), {@code CheckoutRoutes} ({@code checkout}), {@code PaymentsRoutes} ({@code payments}),
 * {@code PaymentProviderRoutes} ({@code payment-provider.faults}) and {@code MessagingRoutes} (the
 * platform's durable messaging: dead letters, consumer groups).
 *
 * <p>Also serves {@code /openapi.json}, {@code /docs}, {@code /metrics}, {@code /health/live} and
 * {@code /health/ready}.
 */
package dev.orderflow.gateway;

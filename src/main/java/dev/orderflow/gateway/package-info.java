/**
 * Gateway: the web verticle, Orderflow's only public HTTP server. Owns no data.
 *
 * <p>Provides {@code GET /api/v1/items}, {@code GET /api/v1/items/{sku}},
 * {@code PUT /admin/catalog/items/{sku}}, {@code /health/live}, {@code /health/ready}, and the
 * {@code gateway} HTTP-endpoint discovery record. Every response carries {@code X-Correlation-Id};
 * every error is {@code application/problem+json}.
 *
 * <p>Owns the customers' bearer tokens: registration answers a JWT signed with the instance's key
 * (configured, or generated once under the data dir), and each customer route acts only for the
 * token's customer (the admin token acts for any).
 *
 * <p>Requires the {@code catalog} event-bus service (actions {@code list-items}, {@code get-item},
 * {@code put-item}) and {@code customers} ({@code get-customer}: a token's customer must exist), found through discovery and called through the platform's request-reply
 * client (timeout, circuit breaker).
 */
package dev.orderflow.gateway;

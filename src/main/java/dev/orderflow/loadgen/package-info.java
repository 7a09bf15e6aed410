/**
 * The load generator, a tool rather than a module: {@code java -jar orderflow.jar loadgen ...} drives
 * a running Orderflow over its public HTTP API only, like any outside client, and imports neither a
 * module nor the platform.
 *
 * <p>Open model: a scheduler gives every order an intended start time at a fixed arrival rate, and
 * latency is measured from that intended start, so a slow server cannot slow the offered load down
 * and hide its own queueing (no coordinated omission). It registers its own customers, optionally tops
 * up stock through {@code PUT /admin/inventory/{sku}}, places one-line orders ({@code POST
 * /api/v1/orders}, or the synchronous twin {@code POST /api/v1/checkout/sync}) with an
 * Idempotency-Key each, and follows every accepted order to its terminal state by reading each busy
 * customer's order list once a second, never by polling orders one by one.
 */
package dev.orderflow.loadgen;

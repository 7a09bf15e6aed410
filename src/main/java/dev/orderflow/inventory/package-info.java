/**
 * Inventory: owns the stock per sku (available and reserved) and the reservations of orders, in its
 * own database, seeded on first start with stock for the demo catalog's skus.
 *
 * <p>Provides the {@code inventory} event-bus service: {@code reserve} {@code {orderId, lines: [{sku,
 * quantity}]}} reserves every line or none (failure 409 {@code "OUT_OF_STOCK: ..."}); {@code release}
 * {@code {orderId}} gives a reservation back; {@code get-stock} {@code {sku}} → {@code {sku, available,
 * reserved}} or 404. Both order actions are keyed by order id and idempotent; available + reserved
 * stays the initial stock.
 *
 * <p>Requires nothing from other modules.
 */
package dev.orderflow.inventory;

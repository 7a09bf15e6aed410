/**
 * Inventory: owns the stock per sku (available and reserved) and the reservations of orders, in its
 * own database, seeded on first start with stock for the demo catalog's skus.
 *
 * <p>Provides the {@code inventory} event-bus service: {@code reserve} {@code {orderId, lines: [{sku,
 * quantity}]}} reserves every line or none (failure 409 {@code "OUT_OF_STOCK: ..."}); {@code release}
 * {@code {orderId}} gives a reservation back; {@code get-stock} {@code {sku}} → {@code {sku, available,
 * reserved}} or 404; {@code set-available} {@code {sku, available, actor}} sets a sku's available stock
 * for an operator (0 to 10^9, reserved unchanged; 404 for an unknown sku; one audit line naming the
 * actor, the old and the new figure). Both order actions are keyed by order id and idempotent; available + reserved
 * stays the initial stock
 * plus the operators' changes through {@code set-available}.
 *
 * <p>Requires nothing from other modules.
 */
package dev.orderflow.inventory;

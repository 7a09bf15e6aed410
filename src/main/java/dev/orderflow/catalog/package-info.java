/**
 * Catalog: owns the items for sale (sku, name, description, price with its currency) in its own
 * database ({@code items} table), seeded with a demo catalog on first start.
 *
 * <p>Provides the {@code catalog} event-bus service (discovery record of that name), request-reply
 * on one address with the action in the {@code action} header:
 * <ul>
 *   <li>{@code list-items} {@code {limit, after}} → {@code {items: [item], next: sku | null}}</li>
 *   <li>{@code get-item} {@code {sku}} → item, or failure 404</li>
 *   <li>{@code put-item} item → {@code {item, created}}, or failure 400 {@code "field: reason"}</li>
 * </ul>
 * An item is {@code {sku, name, description, price: {amount: "12.50", currency: "EUR"}}}: the
 * amount travels as a decimal string so that no hop rounds it.
 *
 * <p>Publishes the ephemeral notice {@code catalog.item-changed} {@code {sku}} (event-bus publish,
 * may be lost) after an item changed, for caches to drop it.
 *
 * <p>Requires nothing from other modules.
 */
package dev.orderflow.catalog;

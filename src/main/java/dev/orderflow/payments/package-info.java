/**
 * Payments: owns the record of every payment (one per order: amount, currency, card token, status,
 * the provider's charge and refund ids) in its own database, and charges and refunds through the
 * payment service provider, at most once per order.
 *
 * <p>Provides the {@code payments} event-bus service (address {@code payments.requests}):
 * <ul>
 *   <li>{@code charge} {@code {orderId, amount: "12.50", currency: "EUR", token}} →
 *       {@code {orderId, status: "CAPTURED", chargeId, amount, currency}} or
 *       {@code {orderId, status: "DECLINED", reason, amount, currency}} (a decline is a reply, not a
 *       failure). Charging an order again answers its recorded outcome (REFUNDED once refunded)
 *       and never charges twice; a FAILED or UNKNOWN charge is sent again under the same
 *       Idempotency-Key; another amount, currency or token for the same order is refused 409 (the
 *       token only until the payment is final: captured, declined, refunded, or failed on an order
 *       called off; then its card token is deleted).</li>
 *   <li>{@code refund} {@code {orderId}} → {@code {orderId, status: "REFUNDED", refundId, amount,
 *       currency}} or {@code {orderId, status: "NOTHING_TO_REFUND"}}; refunds at most once. A charge
 *       whose outcome is unknown is resolved first by sending it again under its idempotency key.</li>
 *   <li>{@code list-payments} {@code {orderId}} → {@code {orderId, payments: [{orderId, status, amount,
 *       currency, chargeId?, refundId?, reason?, createdAt, updatedAt (epoch ms), createdAtIso, updatedAtIso}]}}.</li>
 *   <li>{@code totals} {@code {}} → {@code {captured: {EUR: "123.45"}, refunded: {EUR: "10.00"}}}
 *       (captured counts refunded payments too).</li>
 * </ul>
 * Failures: 400 invalid field ({@code "field: reason"}); 409 conflicting charge or a refund the
 * provider refused; 422 a charge the provider refused (other than a decline); 504 the provider did
 * not answer in time, the payment is recorded UNKNOWN (a refund or a repeated charge resolves it);
 * 503 the provider is unavailable (5xx, connection refused, breaker open, bulkhead full, no record)
 * or refused our API key (401, 403: "payment provider refused our credentials", never a decline),
 * the payment is recorded FAILED. Retries make one action last up to about
 * {@code max-attempts × timeout-ms} plus backoff: callers give {@code charge} and {@code refund} a
 * request timeout at least that long.
 *
 * <p>Requires the {@code payment-provider} HTTP-endpoint discovery record ({@code POST /v1/charges},
 * {@code POST /v1/refunds} with {@code Idempotency-Key}, each with {@code Authorization: Bearer
 * <ORDERFLOW_PAYMENTS_PROVIDER_API_KEY>}); published by the stand-in module, or by this module for
 * {@code ORDERFLOW_PAYMENTS_PROVIDER_URL}. Nothing from other modules.
 */
package dev.orderflow.payments;

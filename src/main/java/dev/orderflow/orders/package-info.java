/**
 * Orders: the event-sourced order aggregate. Each order is a stream of events in its own database
 * ({@code (stream_id, version)} unique, every append against an expected version), published
 * through the outbox on {@code orderflow.orders} as {@code OrderPlaced.v1}, {@code OrderConfirmed.v1},
 * {@code OrderCancellationRequested.v1} and {@code OrderCancelled.v1} (key: order id), and folded into a
 * read model in the same transaction; the read model can be rebuilt from the events.
 *
 * <p>Provides the {@code orders} event-bus service: {@code place-order} {@code {customerId, items,
 * paymentToken, idempotencyKey?, orchestration?}} → {@code {orderId, status, version}} (400 naming the
 * field, 422 for a reused key with another request; keys are the customer's own); {@code get-order} {@code {id, customerId?}}; {@code list-orders}
 * {@code {customerId?, status?, limit?, cursor?}}; {@code request-cancel} {@code {orderId, expectedVersion | anyVersion,
 * customerId?}} (412 stale version, 409 not pending); with a customerId, another customer's order is
 * a 404 like a missing one; {@code confirm-order} and {@code cancel-order} {@code {orderId,
 * reason, causationId?}} for the checkout (409 when the state forbids it; causationId, the id of the
 * event that caused the call, becomes the new event's causationid); {@code payment-token} {@code {orderId}}
 * for the checkout (the token is kept out of the events); {@code rebuild-view}. Orders answer with
 * amounts as decimal strings and their currency.
 *
 * <p>Requires {@code customers} ({@code get-customer}) and {@code catalog} ({@code get-item}) to
 * check and price a new order.
 */
package dev.orderflow.orders;

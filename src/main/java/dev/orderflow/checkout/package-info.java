/**
 * Checkout: the saga orchestrator of orders. Consumer group {@code checkout} on {@code orderflow.orders}
 * begins one saga per {@code OrderPlaced} and runs reserve stock → charge → confirm; a refusal or a
 * passed step deadline runs the compensations in reverse (refund, release, cancel the order with a
 * reason). Every transition is stored with a history line before the saga acts on it; a
 * compensation that keeps failing is parked for an operator. Each saga is owned by the instance
 * that drives it under a lease (ORDERFLOW_CHECKOUT_SAGA_LEASE_MS); an unfinished saga whose lease
 * ran out is taken over by another instance, with a TAKEN_OVER line in its history.
 *
 * <p>Provides the {@code checkout} event-bus service: {@code list-sagas} {@code {state?, limit?}},
 * {@code retry-saga} {@code {orderId}} (parked sagas only, else 409), and {@code checkout-sync}, the
 * synchronous twin that places an order and runs the same steps while the caller waits, answering
 * {@code {outcome, reason?, order}}, or 504 shortly before its caller stops waiting (the request's
 * {@code timeout-ms}) with the saga still running. Publishes the {@code checkout.backlog} notice
 * (its unsettled sagas against ORDERFLOW_CHECKOUT_MAX_BACKLOG) a few times a second.
 *
 * <p>Requires {@code orders}, {@code inventory} and {@code payments}.
 */
package dev.orderflow.checkout;

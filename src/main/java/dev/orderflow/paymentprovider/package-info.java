/**
 * Payment provider: a stand-in for a third-party payment service provider, with its own HTTP server
 * and port, reached only over HTTP through its {@code payment-provider} HTTP-endpoint discovery
 * record (pointing that record at a real PSP needs no code change in its callers).
 *
 * <p>Binds 127.0.0.1 by default. Provides {@code POST /v1/charges}, {@code POST /v1/refunds} (both
 * require an {@code Idempotency-Key}) and {@code GET /v1/charges/{id}}, each only with
 * {@code Authorization: Bearer <key>} for a key whose SHA-256 is in
 * {@code ORDERFLOW_PAYMENT_PROVIDER_API_KEY_SHA256} (else 401, nothing done); token {@code tok_declined} is always
 * declined, {@code tok_insufficient_funds} is declined above 100.00, any other non-empty token
 * captures. Fault injection (latency, error rate, outage), off by default, is set over the
 * event-bus service {@code payment-provider.faults} (actions {@code get-faults}, {@code set-faults}).
 *
 * <p>Requires nothing from other modules.
 */
package dev.orderflow.paymentprovider;

/**
 * Small shared values and helpers every other slice and every module may use: refusals and
 * startup errors, a module unavailable for now, readiness and metrics, correlation ids, money and number rules read from text,
 * the wire rule for ids, the bulkhead, the backoff, secrets and their hashes, free disk space, and the {@code @Wiring} marker.
 * Depends on no other part of Orderflow.
 */
package dev.orderflow.platform.core;

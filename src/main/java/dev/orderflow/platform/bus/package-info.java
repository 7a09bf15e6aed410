/**
 * Request-reply between modules over the event bus: serving a module's actions
 * ({@code BusEndpoint}, one failure mapper), calling another module through discovery with a
 * deadline and a circuit breaker per target ({@code ServiceClient}, {@code ServiceFailure}), and the
 * discovery records themselves.
 */
package dev.orderflow.platform.bus;

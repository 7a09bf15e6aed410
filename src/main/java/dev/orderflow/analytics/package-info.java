/**
 * Analytics: owns counters derived from events (customer registrations per minute of event time;
 * confirmed orders and revenue per minute, top skus), rebuildable from the event history by a
 * replay of its consumer groups.
 *
 * <p>Requires the {@code orderflow.customers} topic: consumer group {@code analytics} reads
 * {@code orderflow.customers.CustomerRegistered.v1} (the CloudEvents {@code time}; other types are
 * ignored); and the {@code orderflow.orders} topic: consumer group {@code analytics-orders} reads
 * {@code OrderConfirmed.v1}.
 *
 * <p>Provides the {@code analytics} event-bus service: {@code registrations} →
 * {@code {total, perMinute: [{minute, registrations}]}}, and {@code orders} (orders and revenue per
 * minute, top skus).
 */
package dev.orderflow.analytics;

/**
 * Analytics: owns counters derived from events (today: customer registrations per minute of event
 * time), rebuildable from the event history by a replay of its consumer group.
 *
 * <p>Requires the {@code orderflow.customers} topic: consumer group {@code analytics} reads
 * {@code orderflow.customers.CustomerRegistered.v1} (the CloudEvents {@code time}; other types are
 * ignored).
 *
 * <p>Provides the {@code analytics} event-bus service: {@code registrations} →
 * {@code {total, perMinute: [{minute, registrations}]}}.
 */
package dev.orderflow.analytics;

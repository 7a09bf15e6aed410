/**
 * Notifications: owns the messages sent to customers (today: one welcome message per customer)
 * in its own database.
 *
 * <p>Requires the {@code orderflow.customers} topic: consumer group {@code notifications} reads
 * {@code orderflow.customers.CustomerRegistered.v1} (fields used: {@code customerId},
 * {@code name}; unknown fields and other event types are ignored).
 *
 * <p>Provides the {@code notifications} event-bus service: {@code list-notifications}
 * {@code {customerId}} → {@code {notifications: [{id, customerId, kind, message, eventId, createdAt}]}}.
 */
package dev.orderflow.notifications;

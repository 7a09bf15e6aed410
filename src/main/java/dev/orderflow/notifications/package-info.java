/**
 * Notifications: owns the messages sent to customers in its own database: one welcome message
 * per customer, one message per confirmed or cancelled order.
 *
 * <p>Requires the {@code orderflow.customers} topic: consumer group {@code notifications} reads
 * {@code orderflow.customers.CustomerRegistered.v1} (fields used: {@code customerId},
 * {@code name}; unknown fields and other event types are ignored); and the {@code orderflow.orders}
 * topic: consumer group {@code notifications-orders} reads {@code OrderConfirmed.v1} and
 * {@code OrderCancelled.v1}.
 *
 * <p>Provides the {@code notifications} event-bus service: {@code list-notifications}
 * {@code {customerId}} → {@code {notifications: [{id, customerId, kind, message, eventId, createdAt}]}}.
 */
package dev.orderflow.notifications;

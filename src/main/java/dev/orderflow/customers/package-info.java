/**
 * Customers: owns customer registrations (id, unique email, name) in its own database and
 * announces each one as {@code orderflow.customers.CustomerRegistered.v1} on the topic
 * {@code orderflow.customers} (key: customer id) through its transactional outbox.
 *
 * <p>Provides the {@code customers} event-bus service: {@code register-customer} {@code {email, name}}
 * → customer, or failure 400 {@code "field: reason"} / 409 for a taken email; {@code get-customer}
 * {@code {id}} → customer or 404. A customer is {@code {id, email, name, registeredAt}}.
 *
 * <p>Requires nothing from other modules and knows nothing of who listens to its events.
 */
package dev.orderflow.customers;

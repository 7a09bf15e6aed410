package dev.orderflow.gateway;

import java.util.Optional;

/**
 * Whom a request on a customer route acts for, as {@link CustomerAccess#authenticate} established
 * it: one customer (their token), or an operator (the admin token), who acts for any customer.
 * Both are explicit, so that a route which never authenticated has no caller at all rather than
 * one that looks like an operator.
 */
sealed interface Caller {

  /** The one customer the request is confined to; empty for an operator. */
  Optional<String> customerId();

  /** Whether the caller may read and act for what belongs to {@code owner}. */
  default boolean mayActFor(String owner) {
    return customerId().map(owner::equals).orElse(true);
  }

  record Customer(String id) implements Caller {

    @Override
    public Optional<String> customerId() {
      return Optional.of(id);
    }
  }

  record Operator() implements Caller {

    @Override
    public Optional<String> customerId() {
      return Optional.empty();
    }
  }
}

package dev.orderflow.loadgen;

import java.util.HashSet;
import java.util.Set;

/** A customer the load generator registered: its token, and its accepted orders not yet seen settled. */
final class Customer {

  final String id;
  final String token;
  final Set<String> unsettled = new HashSet<>();
  /** Whether a read of this customer's order list is under way (one at a time per customer). */
  boolean reading;

  Customer(String id, String token) {
    this.id = id;
    this.token = token;
  }
}

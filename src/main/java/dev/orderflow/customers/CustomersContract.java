package dev.orderflow.customers;

/** What the customers module provides: service, address, actions, topic and event type. */
final class CustomersContract {

  static final String SERVICE = "customers";
  static final String ADDRESS = "customers.requests";
  static final String REGISTER = "register-customer";
  static final String GET = "get-customer";

  static final String TOPIC = "orderflow.customers";
  static final String SOURCE = "/orderflow/customers";
  static final String CUSTOMER_REGISTERED = "orderflow.customers.CustomerRegistered.v1";

  private CustomersContract() {
  }
}

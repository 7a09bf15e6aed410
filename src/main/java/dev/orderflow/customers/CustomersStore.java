package dev.orderflow.customers;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.messaging.Outbox;
import dev.orderflow.platform.core.Refusal;
import dev.orderflow.platform.sql.SqlErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The customers table; a registration and its event commit together. */
final class CustomersStore {

  private static final String INSERT = """
    INSERT INTO customers (id, email, name, registered_at) VALUES (#{id}, #{email}, #{name}, #{registeredAt})""";
  private static final String FIND = "SELECT id, email, name, registered_at FROM customers WHERE id = #{id}";

  private final Database database;

  CustomersStore(Database database) {
    this.database = database;
  }

  /** Stores the customer and its {@code CustomerRegistered} event in one transaction. */
  Future<Customer> register(Customer customer, Event registered) {
    return database.write(tx -> {
        tx.update(INSERT, Map.of("id", customer.id(), "email", customer.email(), "name", customer.name(),
          "registeredAt", customer.registeredAt().toEpochMilli()));
        Outbox.append(tx, CustomersContract.TOPIC, registered);
        return customer;
      })
      .recover(failure -> Future.failedFuture(SqlErrors.isUniqueViolation(failure)
        ? new Refusal(409, "email: a customer with this email is already registered")
        : failure));
  }

  Future<Optional<Customer>> find(String id) {
    return database.read(reads -> reads.queryFirst(FIND, Map.of("id", id)).map(CustomersStore::toCustomer));
  }

  private static Customer toCustomer(JsonObject row) {
    return new Customer(row.getString("id"), row.getString("email"), row.getString("name"),
      Instant.ofEpochMilli(row.getLong("registered_at")));
  }
}

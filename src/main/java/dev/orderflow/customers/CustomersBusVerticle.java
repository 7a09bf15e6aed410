package dev.orderflow.customers;

import dev.orderflow.platform.bus.BusEndpoint;
import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.messaging.Event;
import dev.orderflow.platform.core.Refusal;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Answers the customers' request-reply address. */
final class CustomersBusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CustomersBusVerticle.class);

  private final CustomersStore store;

  CustomersBusVerticle(CustomersStore store) {
    this.store = store;
  }

  @Override
  public Future<?> start() {
    return BusEndpoint.serve(vertx, CustomersContract.ADDRESS, CustomersContract.ACTIONS, LOG, Map.of(
      CustomersContract.REGISTER, this::registerCustomer,
      CustomersContract.GET, request -> getCustomer(request.body())));
  }

  private Future<JsonObject> registerCustomer(BusEndpoint.Request request) {
    Customer customer = Customer.register(request.body());
    Event registered = Event.create(CustomersContract.SOURCE, CustomersContract.CUSTOMER_REGISTERED, customer.id(),
      customer.registeredEvent(), request.correlationId(), null);
    return store.register(customer, registered)
      .onSuccess(stored -> LOG.atInfo().addKeyValue(Correlation.LOG_FIELD, request.correlationId())
        .log("customer {} registered correlationId={}", customer.id(), request.correlationId()))
      .map(Customer::toJson);
  }

  private Future<JsonObject> getCustomer(JsonObject request) {
    String id = request.getString("id", "");
    return store.find(id).compose(customer -> customer
      .map(found -> Future.succeededFuture(found.toJson()))
      .orElseGet(() -> Future.failedFuture(new Refusal(404, "no customer with id '" + id + "'"))));
  }
}

package dev.orderflow;

import dev.orderflow.analytics.AnalyticsModule;
import dev.orderflow.catalog.CatalogModule;
import dev.orderflow.checkout.CheckoutModule;
import dev.orderflow.customers.CustomersModule;
import dev.orderflow.gateway.GatewayModule;
import dev.orderflow.inventory.InventoryModule;
import dev.orderflow.notifications.NotificationsModule;
import dev.orderflow.orders.OrdersModule;
import dev.orderflow.paymentprovider.PaymentProviderModule;
import dev.orderflow.payments.PaymentsModule;
import dev.orderflow.platform.Launcher;
import dev.orderflow.platform.ModuleRegistry;

/** The fat jar's entry point: the registry of every module, in deployment order. */
public final class Orderflow {

  private Orderflow() {
  }

  public static ModuleRegistry modules() {
    return new ModuleRegistry()
      .register("catalog", CatalogModule::new)
      .register("customers", CustomersModule::new)
      .register("inventory", InventoryModule::new)
      .register("orders", OrdersModule::new)
      .register("notifications", NotificationsModule::new)
      .register("analytics", AnalyticsModule::new)
      .register("payment-provider", PaymentProviderModule::new)
      .register("payments", PaymentsModule::new)
      .register("checkout", CheckoutModule::new)
      .register("gateway", GatewayModule::new);
  }

  public static void main(String[] args) {
    Launcher.run(modules());
  }
}

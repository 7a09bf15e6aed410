package dev.orderflow;

import dev.orderflow.analytics.AnalyticsModule;
import dev.orderflow.catalog.CatalogModule;
import dev.orderflow.checkout.CheckoutModule;
import dev.orderflow.customers.CustomersModule;
import dev.orderflow.gateway.GatewayModule;
import dev.orderflow.inventory.InventoryModule;
import dev.orderflow.loadgen.LoadGenerator;
import dev.orderflow.notifications.NotificationsModule;
import dev.orderflow.orders.OrdersModule;
import dev.orderflow.paymentprovider.PaymentProviderModule;
import dev.orderflow.payments.PaymentsModule;
import dev.orderflow.platform.Launcher;
import dev.orderflow.platform.ModuleRegistry;

import java.util.Arrays;

/** The fat jar's entry point: the registry of every module and what it requires, and the load generator's subcommand. */
public final class Orderflow {

  private static final String LOADGEN = "loadgen";

  private Orderflow() {
  }

  /** Each module with the modules its package-info says it requires; the gateway calls them all. */
  public static ModuleRegistry modules() {
    ModuleRegistry services = new ModuleRegistry()
      .register("catalog", CatalogModule::new)
      .register("customers", CustomersModule::new)
      .register("inventory", InventoryModule::new)
      .register("orders", OrdersModule::new, "customers", "catalog")
      .register("notifications", NotificationsModule::new)
      .register("analytics", AnalyticsModule::new)
      .register("payment-provider", PaymentProviderModule::new)
      .register("payments", PaymentsModule::new, "payment-provider")
      .register("checkout", CheckoutModule::new, "orders", "inventory", "payments");
    return services.registerPrepared("gateway", GatewayModule::prepare, services.names().toArray(String[]::new));
  }

  /** Starts the shop ({@code -cluster} joins a cluster); {@code loadgen ...} runs the load generator against a running shop instead. */
  public static void main(String[] args) {
    if (args.length > 0 && LOADGEN.equals(args[0])) {
      System.exit(LoadGenerator.run(System.out, Arrays.copyOfRange(args, 1, args.length)));
    }
    Launcher.run(modules(), args);
  }
}

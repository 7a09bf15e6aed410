package dev.orderflow.inventory;

import dev.orderflow.platform.sql.Database;
import dev.orderflow.platform.Platform;
import dev.orderflow.platform.ServiceModule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The inventory module: seeds stock for the demo catalog on first start, then serves reservations. */
public final class InventoryModule extends ServiceModule {

  private static final Logger LOG = LoggerFactory.getLogger(InventoryModule.class);
  private static final String DEMO_STOCK = "inventory/demo-stock.json";

  public InventoryModule(Platform platform) {
    super(platform, InventoryContract.SERVICE, InventoryContract.ADDRESS);
  }

  @Override
  protected Future<?> deploy(Database database) {
    InventoryStore store = new InventoryStore(database);
    boolean seed = config().getBoolean("seed", true);
    return (seed ? seedIfEmpty(store) : Future.<Void>succeededFuture())
      .compose(seeded -> vertx.deployVerticle(new InventoryBusVerticle(store, config().getInteger("max-lines"))));
  }

  private static Future<Void> seedIfEmpty(InventoryStore store) {
    return store.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      Map<String, Long> quantities = demoStock();
      return store.seed(quantities).onSuccess(done -> LOG.info("seeded stock for {} demo skus", quantities.size()));
    });
  }

  private static Map<String, Long> demoStock() {
    try (InputStream in = InventoryModule.class.getClassLoader().getResourceAsStream(DEMO_STOCK)) {
      JsonArray entries = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("stock");
      Map<String, Long> quantities = new LinkedHashMap<>();
      entries.forEach(entry -> quantities.put(((JsonObject) entry).getString("sku"), ((JsonObject) entry).getLong("quantity")));
      return quantities;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

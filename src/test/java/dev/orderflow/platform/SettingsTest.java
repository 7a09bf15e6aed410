package dev.orderflow.platform;

import dev.orderflow.platform.sql.DatabaseUrl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Settings: every setting documented, environment over file over default")
class SettingsTest {

  private final Settings settings = Settings.catalog();

  @Test
  @DisplayName("every setting has an ORDERFLOW_ variable, a key, a default and a one-line description")
  void catalogIsComplete() {
    assertThat(settings.all()).isNotEmpty().allSatisfy(setting -> {
      assertThat(setting.env()).startsWith("ORDERFLOW_");
      assertThat(setting.key()).matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");
      assertThat(setting.defaultValue()).isNotNull();
      assertThat(setting.description()).isNotBlank().doesNotContain("\n");
    });
    assertThat(settings.environmentNames()).contains("ORDERFLOW_HTTP_PORT", "ORDERFLOW_DATA_DIR", "ORDERFLOW_MODULES",
      "ORDERFLOW_DB_URL", "ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS", "ORDERFLOW_KAFKA_EMBEDDED_PORT");
  }

  @Test
  @DisplayName("the README's settings table lists every setting")
  void readmeListsEverySetting() throws Exception {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(settings.environmentNames()).allSatisfy(env -> assertThat(readme).contains("| `" + env + "` |"));
  }

  @Test
  @DisplayName("defaults match the documented ones")
  void defaults() {
    JsonObject config = settings.resolve(new JsonObject());

    assertThat(config.getJsonObject("gateway").getInteger("http-port")).isEqualTo(8080);
    assertThat(config.getJsonObject("gateway").getString("http-host")).as("loopback unless told otherwise").isEqualTo("127.0.0.1");
    assertThat(config.getJsonObject("data").getString("dir")).isEqualTo("./data");
    assertThat(config.getJsonArray("modules")).isEqualTo(new JsonArray().add("all"));
    assertThat(config.getJsonObject("db").getString("url")).isEmpty();
    assertThat(config.getJsonObject("kafka").getString("bootstrap-servers")).isEmpty();
    assertThat(config.getJsonObject("kafka").getInteger("embedded-port")).isEqualTo(9092);
    assertThat(config.getJsonObject("payment-provider").getString("http-host")).as("the stand-in binds loopback only").isEqualTo("127.0.0.1");
  }

  @Test
  @DisplayName("an environment variable wins over the file, the file over the default")
  void precedence() {
    JsonObject raw = new JsonObject()
      .put("gateway", new JsonObject().put("http-port", 9000).put("http-host", "127.0.0.1"))
      .put("ORDERFLOW_HTTP_PORT", "9001")
      .put("ORDERFLOW_MODULES", " catalog , gateway ");

    JsonObject config = settings.resolve(raw);

    assertThat(config.getJsonObject("gateway").getInteger("http-port")).isEqualTo(9001);
    assertThat(config.getJsonObject("gateway").getString("http-host")).isEqualTo("127.0.0.1");
    assertThat(config.getJsonArray("modules")).isEqualTo(new JsonArray().add("catalog").add("gateway"));
  }

  @Test
  @DisplayName("a password in a database URL never reaches the summary")
  void masksPasswords() {
    assertThat(DatabaseUrl.masked("postgresql://app:s3cret@db:5432/shop")).isEqualTo("postgresql://app:****@db:5432/shop");
    assertThat(DatabaseUrl.masked("postgresql://db/shop?user=app&password=s3cret&ssl=true"))
      .isEqualTo("postgresql://db/shop?user=app&password=****&ssl=true");
  }
}

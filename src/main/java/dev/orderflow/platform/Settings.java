package dev.orderflow.platform;

import dev.orderflow.platform.core.Secrets;
import dev.orderflow.platform.core.StartupException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The catalog of settings in {@code conf/settings.json}: for each one its environment variable,
 * its key in the configuration tree, its type, default and description. Resolving turns raw
 * sources (environment variables, an optional configuration file) into one typed tree, and
 * rejects malformed values with a message that names the variable.
 */
public final class Settings {

  private static final String CATALOG = "conf/settings.json";

  private final List<Setting> settings;

  private Settings(List<Setting> settings) {
    this.settings = List.copyOf(settings);
  }

  public static Settings catalog() {
    try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(CATALOG)) {
      if (in == null) {
        throw new IllegalStateException(CATALOG + " is missing from the classpath");
      }
      JsonArray entries = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("settings");
      List<Setting> settings = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        settings.add(Setting.from(entries.getJsonObject(i)));
      }
      return new Settings(settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Setting> all() {
    return settings;
  }

  public List<String> environmentNames() {
    return settings.stream().map(Setting::env).toList();
  }

  /**
   * Resolves every setting: the environment variable (a flat key in {@code raw}) wins over the
   * configuration file (a nested key in {@code raw}), which wins over the default.
   */
  public JsonObject resolve(JsonObject raw) {
    JsonObject tree = new JsonObject();
    for (Setting setting : settings) {
      Object value = raw.containsKey(setting.env()) ? raw.getValue(setting.env()) : nested(raw, setting.path());
      put(tree, setting.path(), setting.parse(value == null ? setting.defaultValue() : value));
    }
    return tree;
  }

  /**
   * Completes each secret setting paired in the catalog with the setting of the hashes that check
   * it ({@code checked-by}). When both are empty and the modules owning both (the first segment of
   * their keys) run in this instance, a random secret is generated for this process: the secret
   * goes to its holder, its hash to the checker, in {@code config}. A side left empty otherwise
   * while its module runs here is a startup error naming it. Returns the pairs generated, by name.
   */
  public List<String> generateUnsetSecrets(JsonObject config, List<String> modules) {
    List<String> generated = new ArrayList<>();
    for (Setting secret : settings) {
      if (secret.checkedBy() == null) {
        continue;
      }
      Setting checker = byEnv(secret.checkedBy());
      boolean holderRuns = modules.contains(secret.module());
      boolean checkerRuns = modules.contains(checker.module());
      boolean secretSet = !String.valueOf(nested(config, secret.path())).isEmpty();
      boolean hashesSet = !((JsonArray) nested(config, checker.path())).isEmpty();
      if (!secretSet && !hashesSet && holderRuns && checkerRuns) {
        String value = Secrets.generate();
        put(config, secret.path(), value);
        put(config, checker.path(), new JsonArray().add(Secrets.sha256Hex(value)));
        generated.add(secret.env() + " (" + secret.module() + ") and " + checker.env() + " (" + checker.module() + ")");
      } else if (holderRuns && !secretSet) {
        throw unpaired(secret, checker, hashesSet);
      } else if (checkerRuns && !hashesSet) {
        throw unpaired(checker, secret, secretSet);
      }
    }
    return generated;
  }

  private Setting byEnv(String env) {
    return settings.stream().filter(setting -> setting.env().equals(env)).findFirst()
      .orElseThrow(() -> new IllegalStateException(env + " is named in " + CATALOG + " but not defined there"));
  }

  /** One side of a pair left empty while the other is set, or runs elsewhere so that no key can be shared. */
  private static StartupException unpaired(Setting empty, Setting other, boolean otherSet) {
    return StartupException.of(empty.env(), otherSet
      ? "is required because " + other.env() + " is set (or leave both empty to generate a key for this process)"
      : "is required: " + other.module() + " does not run in this instance, so no key can be generated for it");
  }

  private static Object nested(JsonObject tree, String[] path) {
    JsonObject node = tree;
    for (int i = 0; i < path.length - 1; i++) {
      Object child = node.getValue(path[i]);
      if (!(child instanceof JsonObject next)) {
        return null;
      }
      node = next;
    }
    return node.getValue(path[path.length - 1]);
  }

  private static void put(JsonObject tree, String[] path, Object value) {
    JsonObject node = tree;
    for (int i = 0; i < path.length - 1; i++) {
      JsonObject child = node.getJsonObject(path[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(path[i], child);
      }
      node = child;
    }
    node.put(path[path.length - 1], value);
  }

  /** One entry of the catalog. */
  public record Setting(String env, String key, Type type, Object defaultValue, String description, String checkedBy,
                        List<String> choices) {

    static Setting from(JsonObject json) {
      return new Setting(
        json.getString("env"),
        json.getString("key"),
        Type.valueOf(json.getString("type").toUpperCase(Locale.ROOT).replace('-', '_')),
        json.getValue("default"),
        json.getString("description"),
        json.getString("checked-by"),
        json.getJsonArray("choices", new JsonArray()).stream().map(String::valueOf).toList());
    }

    String[] path() {
      return key.split("\\.");
    }

    /** The module whose configuration holds this setting. */
    String module() {
      return path()[0];
    }

    Object parse(Object value) {
      String text = String.valueOf(value).trim();
      return switch (type) {
        case STRING, SECRET -> text;
        case LIST -> new JsonArray(items(text));
        case BOOLEAN -> parseBoolean(text);
        case PORT -> parseInt(text, 0, 65535, "a port number (0-65535)");
        case POSITIVE_INT -> parseInt(text, 1, Integer.MAX_VALUE, "a positive whole number");
        case NON_NEGATIVE_INT -> parseInt(text, 0, Integer.MAX_VALUE, "a whole number (0 or more)");
        case JSON -> parseJson(value);
        case SHA256 -> parseSha256(text);
        case SHA256_LIST -> new JsonArray(items(text).stream().map(this::parseSha256).toList());
        case CHOICE -> parseChoice(text);
        case BYTES -> parseBytes(text);
      };
    }

    private static List<String> items(String text) {
      return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private String parseChoice(String text) {
      if (choices.contains(text)) {
        return text;
      }
      throw malformed(text, "one of " + String.join(", ", choices));
    }

    private String parseSha256(String text) {
      if (text.isEmpty() || text.matches("[0-9a-fA-F]{64}")) {
        return text;
      }
      throw StartupException.of(env, "is not a SHA-256 hash (64 hex digits); configure the hash, never the secret");
    }

    private JsonObject parseJson(Object value) {
      if (value instanceof JsonObject json) {
        return json;
      }
      try {
        return new JsonObject(String.valueOf(value));
      } catch (RuntimeException e) {
        // not quoted: a JSON setting may carry credentials (Kafka's sasl.jaas.config)
        throw StartupException.of(env, "is not a JSON object");
      }
    }

    private boolean parseBoolean(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw malformed(text, "true or false");
      };
    }

    private long parseBytes(String text) {
      try {
        long bytes = Long.parseLong(text);
        if (bytes < 0) {
          throw malformed(text, "a number of bytes (0 or more)");
        }
        return bytes;
      } catch (NumberFormatException e) {
        throw malformed(text, "a number of bytes (0 or more)");
      }
    }

    private int parseInt(String text, int min, int max, String expected) {
      try {
        int number = Integer.parseInt(text);
        if (number < min || number > max) {
          throw malformed(text, expected);
        }
        return number;
      } catch (NumberFormatException e) {
        throw malformed(text, expected);
      }
    }

    private StartupException malformed(String text, String expected) {
      return StartupException.of(env, "'" + text + "' is not " + expected);
    }
  }

  /** SECRET: a string never logged nor echoed; SHA256_LIST: a comma list of SHA-256 hashes (hex); CHOICE: one of the setting's choices. */
  public enum Type { STRING, SECRET, LIST, BOOLEAN, PORT, POSITIVE_INT, NON_NEGATIVE_INT, JSON, SHA256, SHA256_LIST, CHOICE, BYTES }
}

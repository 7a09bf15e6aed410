package dev.orderflow.platform;

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
  public record Setting(String env, String key, Type type, Object defaultValue, String description) {

    static Setting from(JsonObject json) {
      return new Setting(
        json.getString("env"),
        json.getString("key"),
        Type.valueOf(json.getString("type").toUpperCase(Locale.ROOT).replace('-', '_')),
        json.getValue("default"),
        json.getString("description"));
    }

    String[] path() {
      return key.split("\\.");
    }

    Object parse(Object value) {
      String text = String.valueOf(value).trim();
      return switch (type) {
        case STRING -> text;
        case LIST -> new JsonArray(Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        case BOOLEAN -> parseBoolean(text);
        case PORT -> parseInt(text, 0, 65535, "a port number (0-65535)");
        case POSITIVE_INT -> parseInt(text, 1, Integer.MAX_VALUE, "a positive whole number");
        case JSON -> parseJson(value);
        case SHA256 -> parseSha256(text);
        case BYTES -> parseBytes(text);
      };
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
        throw malformed(String.valueOf(value), "a JSON object");
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

  public enum Type { STRING, LIST, BOOLEAN, PORT, POSITIVE_INT, JSON, SHA256, BYTES }
}

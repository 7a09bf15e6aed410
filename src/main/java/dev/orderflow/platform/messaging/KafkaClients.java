package dev.orderflow.platform.messaging;

import dev.orderflow.platform.core.StartupException;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one place that configures every Kafka client this instance creates (producer, consumers,
 * admin clients): the bootstrap servers, the operator's client properties (TLS, SASL, ...) and
 * what each kind of client needs. The settings Orderflow's guarantees rest on are Orderflow's: the
 * operator's properties may not set them.
 */
final class KafkaClients {

  static final String PROPERTIES_SETTING = "ORDERFLOW_KAFKA_PROPERTIES";
  static final String PROPERTIES_FILE_SETTING = "ORDERFLOW_KAFKA_PROPERTIES_FILE";

  /** The only property values a summary shows; the others (passwords, JAAS configs, key material) print as [hidden]. */
  private static final Set<String> SHOWN_VALUES = Set.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SaslConfigs.SASL_MECHANISM);
  private static final Set<String> OWNED = Stream.of(
      Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, ""), producerSettings(), consumerSettings(""), readerSettings(),
      adminSettings(1))
    .flatMap(settings -> settings.keySet().stream())
    .collect(Collectors.toUnmodifiableSet());
  private static final Set<String> KNOWN = Stream.of(ProducerConfig.configNames(), ConsumerConfig.configNames(),
      AdminClientConfig.configNames())
    .flatMap(Set::stream)
    .collect(Collectors.toUnmodifiableSet());

  /** Enough records (about 1 KB each) that a batching member's fetch is usually ended by its wait, not by this. */
  private static final int BATCH_FETCH_MIN_BYTES = 256 * 1024;

  private final String bootstrapServers;
  private final SortedMap<String, String> properties;
  private final String propertiesSetting;

  private KafkaClients(String bootstrapServers, SortedMap<String, String> properties, String propertiesSetting) {
    this.bootstrapServers = bootstrapServers;
    this.properties = properties;
    this.propertiesSetting = propertiesSetting;
  }

  /** Clients of a broker that needs no client properties: the embedded one, plaintext on 127.0.0.1. */
  static KafkaClients plaintext(String bootstrapServers) {
    return new KafkaClients(bootstrapServers, new TreeMap<>(), PROPERTIES_SETTING);
  }

  /** Clients of an external cluster: the properties file's entries, overridden by the JSON object's. Blocking (reads the file). */
  static KafkaClients external(String bootstrapServers, JsonObject kafkaConfig) {
    JsonObject json = kafkaConfig.getJsonObject("properties");
    String file = kafkaConfig.getString("properties-file");
    SortedMap<String, String> properties = new TreeMap<>();
    if (!file.isEmpty()) {
      readFile(file).forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
      check(properties.keySet(), PROPERTIES_FILE_SETTING);
    }
    json.forEach(entry -> {
      if (!(entry.getValue() instanceof String || entry.getValue() instanceof Number || entry.getValue() instanceof Boolean)) {
        throw StartupException.of(PROPERTIES_SETTING, "the value of '" + entry.getKey() + "' must be a string, number or boolean");
      }
      properties.put(entry.getKey(), String.valueOf(entry.getValue()));
    });
    check(json.fieldNames(), PROPERTIES_SETTING);
    boolean credentialsFromFile = !file.isEmpty() && !json.containsKey(SaslConfigs.SASL_JAAS_CONFIG);
    String credentialsSetting = credentialsFromFile ? PROPERTIES_FILE_SETTING : PROPERTIES_SETTING;
    checkJaas(properties.get(SaslConfigs.SASL_JAAS_CONFIG), credentialsSetting);
    return new KafkaClients(bootstrapServers, properties, credentialsSetting);
  }

  /** The setting through which the operator configured client properties, if any. */
  static Optional<String> configuredSetting(JsonObject kafkaConfig) {
    if (!kafkaConfig.getJsonObject("properties").isEmpty()) {
      return Optional.of(PROPERTIES_SETTING);
    }
    return kafkaConfig.getString("properties-file").isEmpty() ? Optional.empty() : Optional.of(PROPERTIES_FILE_SETTING);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** The setting to name when the clients cannot be created or the broker refuses their credentials: the one that supplied them. */
  String propertiesSetting() {
    return propertiesSetting;
  }

  /** The idempotent producer every relay, dead-lettering and bridge shares. */
  Properties producer() {
    return with(producerSettings());
  }

  /** A member of consumer group {@code group} that commits what its handler finished. */
  Properties consumer(String group) {
    return with(consumerSettings(group));
  }

  /**
   * A member of consumer group {@code group} whose fetches wait at the broker up to
   * {@code waitMs} for a fuller batch (none when 0).
   */
  Properties batchingConsumer(String group, int waitMs) {
    Properties properties = consumer(group);
    if (waitMs > 0) {
      properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(BATCH_FETCH_MIN_BYTES));
      properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(waitMs));
    }
    return properties;
  }

  /** A consumer without a group, for reading a topic from its start. */
  Properties reader() {
    return with(readerSettings());
  }

  Properties admin(int timeoutMs) {
    return with(adminSettings(timeoutMs));
  }

  /** The operator's properties for a log line: every key, values only where they cannot be secrets. */
  String describe() {
    return properties.entrySet().stream()
      .map(entry -> entry.getKey() + "=" + (SHOWN_VALUES.contains(entry.getKey()) ? entry.getValue() : "[hidden]"))
      .collect(Collectors.joining(", "));
  }

  private Properties with(Map<String, String> settings) {
    Properties config = new Properties();
    config.putAll(properties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putAll(settings);
    return config;
  }

  private static Properties readFile(String file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(file))) {
      properties.load(reader);
    } catch (IOException | RuntimeException e) {
      throw StartupException.of(PROPERTIES_FILE_SETTING, "cannot read '" + file + "': " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    return properties;
  }

  private static void check(Set<String> keys, String setting) {
    Set<String> owned = new HashSet<>(keys);
    owned.retainAll(OWNED);
    if (!owned.isEmpty()) {
      throw StartupException.of(setting, "may not set " + sorted(owned) + " (Orderflow's own client settings)");
    }
    Set<String> unknown = new HashSet<>(keys);
    unknown.removeAll(KNOWN);
    if (!unknown.isEmpty()) {
      throw StartupException.of(setting, sorted(unknown) + " is not a Kafka client property");
    }
  }

  /** Parses the JAAS configuration here because the clients' own parse errors may quote it, password included. */
  private static void checkJaas(String jaas, String setting) {
    if (jaas == null) {
      return;
    }
    try {
      JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)));
    } catch (IllegalArgumentException e) {
      throw StartupException.of(setting, "sasl.jaas.config is not a valid JAAS configuration, such as "
        + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"...\" password=\"...\";");
    }
  }

  private static String sorted(Set<String> keys) {
    return keys.stream().sorted().collect(Collectors.joining(", "));
  }

  private static Map<String, String> producerSettings() {
    return Map.of(
      ProducerConfig.ACKS_CONFIG, "all",
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
      ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
      ProducerConfig.LINGER_MS_CONFIG, "1",
      // an outbox relay hands Kafka thousands of records at once; 16 KiB batches (the default) hold a few dozen of them
      // with their CloudEvents headers: 128 KiB cut the relay's CPU per event by a third (broker and producer thread)
      ProducerConfig.BATCH_SIZE_CONFIG, "131072",
      ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
      ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
      ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000",
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
      ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
  }

  private static Map<String, String> consumerSettings(String group) {
    return Map.of(
      ConsumerConfig.GROUP_ID_CONFIG, group,
      ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
      ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
      ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500",
      // A member killed with kill -9 holds its partitions until its session expires: keep that short.
      ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000",
      ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000",
      ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
      ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
  }

  private static Map<String, String> readerSettings() {
    return Map.of(
      ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
      ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000",
      ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
      ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
  }

  private static Map<String, String> adminSettings(int timeoutMs) {
    return Map.of(
      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs),
      AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
  }
}

package dev.orderflow;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orderflow.platform.messaging.EventTypes;
import dev.orderflow.support.EventContracts;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Modules share no types, so a consumer writes its own copy of the provider's service names,
 * actions, topics and event types. This test reads every module's contract (the class of its
 * package declaring {@code REQUIRED_ACTIONS}, {@code REQUIRED_EVENTS}, {@code REQUIRED_NOTICES} and
 * {@code REQUIRED_VALUES}) and checks each copy against what the provider declares ({@code SERVICE} and
 * {@code ACTIONS}, {@code TOPIC} and {@code EVENT_TYPES}, {@code NOTICES}, named value sets such as
 * {@code CANCEL_REASONS}), each event field a consumer declares in {@code REQUIRED_FIELDS} against the
 * provider's JSON Schema; and each published event type against its JSON Schema and sample payload. A rename on either side fails here, not at runtime.
 */
@DisplayName("Contracts between modules")
class ContractTest {

  private static final String MODULES = "dev.orderflow";
  private static final String PLATFORM = "dev.orderflow.platform";
  /** The load generator: a tool that speaks HTTP only (ArchitectureTest), with no bus contract to declare. */
  private static final String LOADGEN = MODULES + ".loadgen";
  private static final JavaClasses MAIN = new ClassFileImporter()
    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(MODULES);

  /** What one module provides and requires, read from its contract class. */
  record Contract(Class<?> type, String module, String service, Set<String> actions, String topic, Set<String> eventTypes, Set<String> notices,
                  Map<String, Set<String>> requiredActions, Map<String, EventTypes> requiredEvents, Set<String> requiredNotices,
                  Map<String, Map<String, Set<String>>> requiredValues, Map<String, Set<String>> requiredFields) {

    static Contract of(Class<?> type) {
      String module = type.getPackageName().substring(MODULES.length() + 1);
      return new Contract(type, module, field(type, "SERVICE", null), field(type, "ACTIONS", Set.of()), field(type, "TOPIC", null),
        field(type, "EVENT_TYPES", Set.of()), field(type, "NOTICES", Set.of()),
        required(type, "REQUIRED_ACTIONS"), required(type, "REQUIRED_EVENTS"), required(type, "REQUIRED_NOTICES"),
        required(type, "REQUIRED_VALUES"), required(type, "REQUIRED_FIELDS"));
    }

    /** A set of values this contract declares by name (say orders' {@code CANCEL_REASONS}); null when it declares none such. */
    Set<String> values(String name) {
      return field(type, name, null);
    }

    private static <T> T required(Class<?> type, String name) {
      T value = field(type, name, null);
      if (value == null) {
        throw new AssertionError(type.getName() + " declares no " + name + " (declare it empty if the module requires nothing)");
      }
      return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Class<?> type, String name, T absent) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (T) field.get(null);
      } catch (NoSuchFieldException e) {
        return absent;
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Each module's contract; a module without exactly one fails, so that none is skipped. */
  static List<Contract> moduleContracts() {
    Map<String, List<JavaClass>> classesByModule = MAIN.stream()
      .filter(type -> type.getPackageName().startsWith(MODULES + ".")
        && !type.getPackageName().equals(PLATFORM) && !type.getPackageName().startsWith(PLATFORM + ".")
        && !type.getPackageName().equals(LOADGEN))
      .collect(Collectors.groupingBy(type -> type.getPackageName().split("\\.")[2], TreeMap::new, Collectors.toList()));
    List<Contract> contracts = new ArrayList<>();
    classesByModule.forEach((module, classes) -> {
      List<JavaClass> declaring = classes.stream()
        .filter(type -> type.getSimpleName().endsWith("Contract") && type.tryGetField("REQUIRED_ACTIONS").isPresent()).toList();
      if (declaring.size() != 1) {
        throw new AssertionError("module " + module + " must declare one contract with REQUIRED_ACTIONS, found " + declaring);
      }
      contracts.add(Contract.of(declaring.get(0).reflect()));
    });
    return contracts;
  }

  /** Fails naming every requirement its provider does not declare. */
  static void check(List<Contract> contracts) {
    Map<String, Contract> byService = new HashMap<>();
    Map<String, Contract> byTopic = new HashMap<>();
    Map<String, Contract> byEventType = new HashMap<>();
    Set<String> notices = new TreeSet<>();
    for (Contract contract : contracts) {
      if (contract.service() != null) {
        byService.put(contract.service(), contract);
      }
      if (contract.topic() != null) {
        byTopic.put(contract.topic(), contract);
      }
      notices.addAll(contract.notices());
      contract.eventTypes().forEach(type -> byEventType.put(type, contract));
    }
    List<String> mismatches = new ArrayList<>();
    for (Contract consumer : contracts) {
      consumer.requiredActions().forEach((service, actions) -> {
        Contract provider = byService.get(service);
        if (provider == null) {
          mismatches.add(consumer.module() + " calls service '" + service + "', which no module provides");
          return;
        }
        new TreeSet<>(actions).stream().filter(action -> !provider.actions().contains(action))
          .forEach(action -> mismatches.add(consumer.module() + " calls " + service + " '" + action + "', which "
            + provider.module() + " does not provide (it provides " + new TreeSet<>(provider.actions()) + ")"));
      });
      consumer.requiredEvents().forEach((topic, types) -> {
        Contract provider = byTopic.get(topic);
        if (provider == null) {
          mismatches.add(consumer.module() + " reads topic '" + topic + "', which no module publishes");
          return;
        }
        Stream.concat(types.handled().stream(), types.ignored().stream()).sorted()
          .filter(type -> !provider.eventTypes().contains(type))
          .forEach(type -> mismatches.add(consumer.module() + " declares event type '" + type + "' on " + topic + ", which "
            + provider.module() + " does not publish (it publishes " + new TreeSet<>(provider.eventTypes()) + ")"));
      });
      consumer.requiredValues().forEach((service, sets) -> {
        Contract provider = byService.get(service);
        if (provider == null) {
          mismatches.add(consumer.module() + " relies on values of service '" + service + "', which no module provides");
          return;
        }
        sets.forEach((name, values) -> {
          Set<String> declared = provider.values(name);
          if (declared == null) {
            mismatches.add(consumer.module() + " relies on " + provider.module() + "'s " + name + ", which " + provider.module() + " does not declare");
            return;
          }
          new TreeSet<>(values).stream().filter(value -> !declared.contains(value))
            .forEach(value -> mismatches.add(consumer.module() + " relies on " + name + " value '" + value + "', which "
              + provider.module() + " does not declare (it declares " + new TreeSet<>(declared) + ")"));
        });
      });
      consumer.requiredEvents().values().stream().flatMap(types -> types.handled().stream()).sorted()
        .filter(type -> !consumer.requiredFields().containsKey(type))
        .forEach(type -> mismatches.add(consumer.module() + " handles " + type + " but does not declare the fields it reads of it"));
      new TreeMap<>(consumer.requiredFields()).forEach((type, fields) -> {
        Contract provider = byEventType.get(type);
        if (provider == null) {
          mismatches.add(consumer.module() + " reads fields of event type '" + type + "', which no module publishes");
          return;
        }
        JsonObject schema = EventContracts.schema(type);
        new TreeSet<>(fields).stream().filter(field -> EventContracts.field(schema, field) == null)
          .forEach(field -> mismatches.add(consumer.module() + " reads field '" + field + "' of " + type + ", which "
            + "the schema of " + provider.module() + " does not declare"));
      });
      new TreeSet<>(consumer.requiredNotices()).stream().filter(notice -> !notices.contains(notice))
        .forEach(notice -> mismatches.add(consumer.module() + " listens to notice '" + notice + "', which no module publishes"));
    }
    if (!mismatches.isEmpty()) {
      throw new AssertionError("contracts do not match:\n  " + String.join("\n  ", mismatches));
    }
  }

  @Test
  @DisplayName("every module declares its contract, and every action, event type, notice, value and event field it requires is provided")
  void everyRequirementIsProvided() {
    List<Contract> contracts = moduleContracts();

    assertThat(contracts).extracting(Contract::module)
      .contains("analytics", "catalog", "checkout", "customers", "gateway", "inventory", "notifications", "orders", "paymentprovider", "payments");
    check(contracts);
  }

  @Test
  @DisplayName("every published event type has a JSON Schema and a sample payload that it validates")
  void samplesValidateAgainstTheProvidersSchema() {
    List<String> eventTypes = moduleContracts().stream().flatMap(contract -> contract.eventTypes().stream()).sorted().toList();

    assertThat(eventTypes).hasSize(5);
    for (String eventType : eventTypes) {
      OutputUnit result = EventContracts.validator(eventType).validate(EventContracts.sample(eventType));
      assertThat(result.getValid()).as(eventType + ": " + result.getErrors()).isTrue();
    }
  }

  @Test
  @DisplayName("orders' cancel reasons are the ones its OrderCancelled schema allows")
  void cancelReasonsMatchTheSchema() {
    Contract orders = moduleContracts().stream().filter(contract -> contract.module().equals("orders")).findFirst().orElseThrow();
    JsonObject reason = EventContracts.field(EventContracts.schema("orderflow.orders.OrderCancelled.v1"), "reason");

    assertThat(orders.values("CANCEL_REASONS")).containsExactlyInAnyOrderElementsOf(reason.getJsonArray("enum").stream().map(String::valueOf).toList());
  }

  @Test
  @DisplayName("a consumer requiring what nobody provides is caught (planted fixture)")
  void plantedMismatchIsCaught() throws ClassNotFoundException {
    List<Contract> withFixture = new ArrayList<>(moduleContracts());
    withFixture.add(Contract.of(Class.forName("dev.orderflow.contractfixture.FixtureContract")));

    assertThatThrownBy(() -> check(withFixture))
      .hasMessageContaining("contractfixture calls orders 'ship-order', which orders does not provide")
      .hasMessageContaining("contractfixture declares event type 'orderflow.orders.OrderPlaced.v2' on orderflow.orders")
      .hasMessageContaining("contractfixture listens to notice 'catalog.item-renamed'")
      .hasMessageContaining("contractfixture relies on CANCEL_REASONS value 'LOST_IN_TRANSIT', which orders does not declare")
      .hasMessageNotContaining("value 'TIMEOUT'")
      .hasMessageContaining("contractfixture reads field 'lines[].warehouse' of orderflow.orders.OrderConfirmed.v1, which the schema of orders does not declare")
      .hasMessageContaining("contractfixture reads field 'shippedAt' of orderflow.orders.OrderConfirmed.v1")
      .hasMessageNotContaining("field 'orderId'")
      .hasMessageNotContaining("field 'lines[].sku'")
      .hasMessageNotContaining("'get-order'")
      .hasMessageNotContaining("'orderflow.orders.OrderConfirmed.v1'");
  }
}

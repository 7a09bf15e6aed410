package dev.orderflow;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.orderflow.platform.core.Wiring;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Module boundaries")
class ArchitectureTest {

  private static final ArchRule PLATFORM_IMPORTS_NO_MODULE = noClasses()
    .that().resideInAPackage("dev.orderflow.platform..")
    .should().dependOnClassesThat(resideInAPackage("dev.orderflow..").and(resideOutsideOfPackage("dev.orderflow.platform..")));

  /** Tools (the load generator; the fixture tool) ship in the jar but reach Orderflow only over HTTP, like any outside client. */
  private static final String[] TOOLS = {"dev.orderflow.loadgen..", "dev.orderflow.archfixturetool.."};

  private static final ArchRule TOOLS_USE_ONLY_HTTP = noClasses()
    .that().resideInAnyPackage(TOOLS)
    .should().dependOnClassesThat(resideInAPackage("dev.orderflow..").and(resideOutsideOfPackages(TOOLS)))
    .because("a tool drives Orderflow through its HTTP API, not through a module's or the platform's classes");

  private static final ArchRule MODULES_ARE_INDEPENDENT = slices()
    .matching("dev.orderflow.(*)..")
    .should().notDependOnEachOther()
    .ignoreDependency(alwaysTrue(), resideInAPackage("dev.orderflow.platform.."));

  private static final ArchRule WIRING_STAYS_IN_PLATFORM = noClasses()
    .that().resideOutsideOfPackage("dev.orderflow.platform..")
    .should().callCodeUnitWhere(target(annotatedWith(Wiring.class)))
    .because("modules use what Platform hands them; only the platform wires itself");

  private static final ArchRule PLATFORM_SLICES_FREE_OF_CYCLES = slices()
    .matching("dev.orderflow.platform.(*)..")
    .should().beFreeOfCycles();

  private static final ArchRule SLICES_DO_NOT_USE_STARTUP = noClasses()
    .that().resideInAPackage("dev.orderflow.platform.*..")
    .should().dependOnClassesThat().resideInAPackage("dev.orderflow.platform")
    .because("the startup package wires the slices; a slice using it would close a cycle");

  private static final ArchRule BUS_KNOWS_NO_SQL = noClasses()
    .that().resideInAPackage("dev.orderflow.platform.bus..")
    .should().dependOnClassesThat().resideInAPackage("dev.orderflow.platform.sql..")
    .because("the SQL layer hands its failures over as Refusal or Unavailable (platform.core); the bus maps only those");

  private static final JavaClasses MAIN = new ClassFileImporter()
    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
    .importPackages("dev.orderflow");

  private static final JavaClasses FIXTURES = new ClassFileImporter()
    .importPackages("dev.orderflow.archfixturealpha", "dev.orderflow.archfixturebeta", "dev.orderflow.archfixturetool", "dev.orderflow.platform");

  @Test
  @DisplayName("platform depends on no module")
  void platformImportsNoModule() {
    PLATFORM_IMPORTS_NO_MODULE.check(MAIN);
  }

  @Test
  @DisplayName("no module depends on another module")
  void modulesDoNotImportEachOther() {
    MODULES_ARE_INDEPENDENT.check(MAIN);
  }

  @Test
  @DisplayName("a tool (the load generator) imports no module and not the platform; no module or platform class imports it (the rules above)")
  void toolsUseOnlyHttp() {
    TOOLS_USE_ONLY_HTTP.check(MAIN);
  }

  @Test
  @DisplayName("no module calls the platform's wiring API")
  void wiringStaysInPlatform() {
    WIRING_STAYS_IN_PLATFORM.check(MAIN);
  }

  @Test
  @DisplayName("the platform's slices (core, http, sql, bus, messaging, logging) are free of cycles and do not use the startup package")
  void platformSlicesAreLayered() {
    PLATFORM_SLICES_FREE_OF_CYCLES.check(MAIN);
    SLICES_DO_NOT_USE_STARTUP.check(MAIN);
  }

  @Test
  @DisplayName("request-reply (platform.bus) does not read SQL errors (platform.sql)")
  void busKnowsNoSql() {
    BUS_KNOWS_NO_SQL.check(MAIN);
  }

  @Test
  @DisplayName("every rule catches a violation planted on purpose")
  void rulesCatchViolations() {
    assertThatThrownBy(() -> PLATFORM_IMPORTS_NO_MODULE.check(FIXTURES))
      .hasMessageContaining("PlatformFixtureUsingAModule");
    assertThatThrownBy(() -> MODULES_ARE_INDEPENDENT.check(FIXTURES))
      .hasMessageContaining("AlphaUsingBeta");
    assertThatThrownBy(() -> TOOLS_USE_ONLY_HTTP.check(FIXTURES))
      .hasMessageContaining("ToolUsingAModule");
    assertThatThrownBy(() -> WIRING_STAYS_IN_PLATFORM.check(FIXTURES))
      .hasMessageContaining("AlphaWiringThePlatform");
    assertThatThrownBy(() -> PLATFORM_SLICES_FREE_OF_CYCLES.check(FIXTURES))
      .hasMessageContaining("CycleA").hasMessageContaining("CycleB");
    assertThatThrownBy(() -> SLICES_DO_NOT_USE_STARTUP.check(FIXTURES))
      .hasMessageContaining("CycleB");
    assertThatThrownBy(() -> BUS_KNOWS_NO_SQL.check(FIXTURES))
      .hasMessageContaining("BusReadingSqlErrors");
  }
}

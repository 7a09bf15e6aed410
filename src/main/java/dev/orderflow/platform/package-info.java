/**
 * The platform's startup and the module interface: {@code Platform} (what every module is handed),
 * {@code ServiceModule}, the {@code ModuleRegistry}, the settings catalog and its loader, and
 * {@code Instance}, which wires the slices below together and deploys the selected modules, and
 * the {@code Launcher}. Infrastructure only: the platform never imports a module. The slices
 * ({@code core}, {@code http}, {@code sql}, {@code bus}, {@code messaging}, {@code logging}) never
 * import this package and are free of cycles; their members marked {@code @Wiring} are called only
 * from within the platform (ArchitectureTest holds all three rules).
 */
package dev.orderflow.platform;

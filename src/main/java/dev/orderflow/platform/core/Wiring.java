package dev.orderflow.platform.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the platform's wiring API: members public only because the platform's packages build and
 * close one another at startup and shutdown. Modules use what the {@code Platform} hands them and
 * never call these (ArchitectureTest holds that).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface Wiring {
}

package dev.orderflow.archfixturebeta;

/** The other side of the planted module-to-module violation. */
public final class Beta {
}

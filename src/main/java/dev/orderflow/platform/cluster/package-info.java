/**
 * Cluster membership: the Hazelcast cluster manager built from the {@code cluster.*} settings (TCP-IP
 * join to the listed members, multicast and auto-detection off, failure detection in seconds), the
 * clustered event bus's host and port, and the readiness probe that says whether this node is a member.
 * Depends on {@code platform.core} only.
 */
package dev.orderflow.platform.cluster;

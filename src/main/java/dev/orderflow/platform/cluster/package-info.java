/**
 * Cluster membership: the Hazelcast cluster manager built from the {@code cluster.*} settings (TCP-IP
 * join to the listed members, multicast and auto-detection off, failure detection in seconds), the
 * clustered event bus's host and port, the readiness probe that says whether this node is a member, and
 * cluster-wide maps bounded in size and time for modules' shared state ({@code ClusterMaps}).
 * Depends on {@code platform.core} only.
 */
package dev.orderflow.platform.cluster;

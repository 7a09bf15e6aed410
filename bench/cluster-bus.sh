#!/usr/bin/env bash
# Event-bus request-reply in one run: plain Vert.x across two event loops, clustered to a consumer in
# the same JVM, clustered to a consumer in a second JVM (dev.orderflow.ClusterBusBenchmark), each
# saturated (64 in flight) and paced (one per ms), with the ratio to the plain row of the same mode. CPU/op counts the measuring JVM
# only (the caller, and the consumer when it runs there), not the second JVM.
# Starts the benchmark JVM, which starts and stops the second JVM by PID; both join a Hazelcast cluster
# of a fresh name on 127.0.0.1. About a minute.
# Usage: bench/cluster-bus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dlogback.configurationFile=bench/logback-bench.xml -Dhazelcast.logging.type=slf4j \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.orderflow.ClusterBusBenchmark

#!/usr/bin/env bash
# The floor of one checkout on this machine: a durable SQLite commit (synchronous=FULL and NORMAL, and a
# row inside a 100-row commit), an event-bus request-reply, a Kafka record on the embedded broker, an
# HTTP exchange over loopback and a JSON encode+decode, each as wall latency p50/p99 and process CPU per
# operation, in one JVM (dev.orderflow.FloorBenchmark); then those CPU costs times the per-checkout
# counts, next to the 1.5 ms target; then what random against time-ordered keys cost a group commit
# (dev.orderflow.KeyOrderBenchmark). About three minutes (warm-ups last longer on a loaded machine).
# The script starts one process, that JVM (the broker runs inside it, bound to 127.0.0.1; all traffic
# goes to 127.0.0.1), and waits for it; its data goes to a temporary directory removed on exit.
# Usage: bench/floors.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
java -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.orderflow.FloorBenchmark "$data"
java -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.orderflow.KeyOrderBenchmark "$data"

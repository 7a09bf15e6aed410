#!/usr/bin/env bash
# The contract check of an order body alone (dev.orderflow.gateway.ContractCheckBenchmark): time per body
# of the gateway's schema validator for POST /api/v1/orders, in a JVM with HotSpot's default limit on
# compiling huge methods and in one started as the README starts the jar (-XX:-DontCompileHugeMethods),
# taking turns, so that the machine's drift falls on both alike.
# Usage: bench/contract-check.sh [rounds per JVM, default 10] [validations per round, default 50000] [turns, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
for turn in $(seq 1 "${3:-2}"); do
  for flag in -XX:+DontCompileHugeMethods -XX:-DontCompileHugeMethods; do
    echo "turn $turn, $flag: last round"
    java "$flag" -Dlogback.configurationFile=bench/logback-bench.xml -cp "$classpath" dev.orderflow.gateway.ContractCheckBenchmark \
      "${1:-10}" "${2:-50000}" | tail -n 1
  done
done

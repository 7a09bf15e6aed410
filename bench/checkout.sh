#!/usr/bin/env bash
# The checkout saga next to its synchronous twin under the same payment-provider faults
# (none, 300 ms latency, 30 % errors, outage), each on a fresh in-process instance with embedded
# Kafka and SQLite. Traffic goes to 127.0.0.1 only.
# Usage: bench/checkout.sh [checkouts per style and fault] [requests in flight]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -Dlogback.configurationFile=bench/logback-bench.xml -cp "$classpath" dev.orderflow.CheckoutComparisonBenchmark "${1:-200}" "${2:-16}"

#!/usr/bin/env bash
# Durable messaging figures, each measured in one run:
#   1. outbox → Kafka relay throughput next to Kafka's ProducerPerformance on the same broker, same record size;
#   2. registration → welcome message latency at a fixed request rate.
# Usage: bench/messaging.sh [records for 1] [registrations per second for 2] [seconds for 2]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
logging="-Dlogback.configurationFile=bench/logback-bench.xml"
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
java $logging -cp "$classpath" dev.orderflow.platform.messaging.OutboxRelayBenchmark "${1:-200000}"
java $logging -cp "$classpath" dev.orderflow.RegistrationLatencyBenchmark "${2:-200}" "${3:-30}"

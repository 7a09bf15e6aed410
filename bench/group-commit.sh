#!/usr/bin/env bash
# The group-commit writer against one transaction per write, on one table, in the same run.
# Usage: bench/group-commit.sh [sqlite|postgresql] [seconds per measurement] [writes in flight]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.orderflow.platform.sql.GroupCommitBenchmark "${1:-sqlite}" "${2:-10}" "${3:-64}"

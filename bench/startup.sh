#!/usr/bin/env bash
# Time from `java -jar target/orderflow.jar` to the first 200 on /health/ready, and resident memory
# at idle, with embedded defaults (embedded Kafka, embedded SQLite). Three series of RUNS each:
#   first start    - a fresh data directory (formats the Kafka log, migrates, seeds the catalog);
#   restart        - the data directory of the previous run;
#   restart capped - the same with the heap capped (HEAP_CAP, default -Xmx256m), for the idle RSS.
# Stops only the processes it starts, by PID. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-target/orderflow.jar}
RUNS=${RUNS:-5}
IDLE_SECONDS=${IDLE_SECONDS:-10}
HEAP_CAP=${HEAP_CAP:--Xmx256m}
HTTP_PORT=${HTTP_PORT:-18180}
KAFKA_PORT=${KAFKA_PORT:-19192}
[ -f "$JAR" ] || mvn -B -q package -DskipTests
work=$(mktemp -d)

measure() {
  local data_dir=$1 started ended pid rss
  shift
  started=$(date +%s%N)
  ORDERFLOW_HTTP_HOST=127.0.0.1 ORDERFLOW_HTTP_PORT=$HTTP_PORT ORDERFLOW_KAFKA_EMBEDDED_PORT=$KAFKA_PORT \
    ORDERFLOW_DATA_DIR=$data_dir java "$@" -jar "$JAR" >>"$work/run.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "orderflow exited early, see $work/run.log" >&2; exit 1; }
    sleep 0.02
  done
  ended=$(date +%s%N)
  sleep "$IDLE_SECONDS"
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"
  wait "$pid" || true
  echo "$(( (ended - started) / 1000000 )) $(( rss / 1024 ))"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for series in first-start restart restart-capped; do
  : >"$work/$series"
  for run in $(seq 1 "$RUNS"); do
    if [ "$series" = first-start ]; then data_dir="$work/data-$run"; else data_dir="$work/data-1"; fi
    if [ "$series" = restart-capped ]; then result=$(measure "$data_dir" $HEAP_CAP); else result=$(measure "$data_dir"); fi
    echo "$series run $run: ready in ${result% *} ms, RSS after ${IDLE_SECONDS}s idle ${result#* } MiB"
    echo "$result" >>"$work/$series"
  done
  echo "$series: median ready $(cut -d' ' -f1 "$work/$series" | median) ms, median idle RSS $(cut -d' ' -f2 "$work/$series" | median) MiB"
done
rm -rf "$work"

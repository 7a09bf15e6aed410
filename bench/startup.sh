#!/usr/bin/env bash
# Time from `java -XX:SharedArchiveFile=target/orderflow.jsa -XX:-DontCompileHugeMethods -jar target/orderflow.jar` (the README's
# command) to the first 200 on /health/ready, and resident memory at idle, with embedded defaults
# (embedded Kafka, embedded SQLite). Four series of RUNS each:
#   first start        - a fresh data directory (formats the Kafka log, migrates, seeds the catalog);
#   restart            - the data directory of the previous run;
#   restart capped     - the same with the heap capped (HEAP_CAP, default -Xmx256m), for the idle RSS;
#   restart no archive - a restart without the class-data-sharing archive the build wrote beside the jar.
# A jar without its archive (an older build, or one built with -Dcds.skip) runs every series without it.
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
archive="${JAR%.jar}.jsa"
cds=()
if [ ! -f "$archive" ]; then
  echo "no $archive: every series runs without class-data sharing"
elif java -XX:SharedArchiveFile="$archive" -jar "$JAR" --no-such-argument 2>&1 | grep -q 'Unable to use shared archive'; then
  # the JVM checks the jar's path, size and time: a copied or rebuilt jar needs an archive trained where it lies
  echo "$archive does not fit $JAR (trained for another path or build): every series runs without class-data sharing"
else
  cds=(-XX:SharedArchiveFile="$archive")
fi

measure() {
  local data_dir=$1 started ended pid rss
  shift
  started=$(date +%s%N)
  ORDERFLOW_HTTP_HOST=127.0.0.1 ORDERFLOW_HTTP_PORT=$HTTP_PORT ORDERFLOW_KAFKA_EMBEDDED_PORT=$KAFKA_PORT \
    ORDERFLOW_DATA_DIR=$data_dir java "$@" -XX:-DontCompileHugeMethods -jar "$JAR" >>"$work/run.log" 2>&1 &
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

# the series take turns within each round, so that the machine's drift falls on all of them alike
series_names=(first-start restart restart-capped restart-no-archive)
for run in $(seq 1 "$RUNS"); do
  for series in "${series_names[@]}"; do
    if [ "$series" = first-start ]; then data_dir="$work/data-$run"; else data_dir="$work/data-1"; fi
    case "$series" in
      restart-capped) result=$(measure "$data_dir" "${cds[@]}" $HEAP_CAP) ;;
      restart-no-archive) result=$(measure "$data_dir") ;;
      *) result=$(measure "$data_dir" "${cds[@]}") ;;
    esac
    echo "$series run $run: ready in ${result% *} ms, RSS after ${IDLE_SECONDS}s idle ${result#* } MiB"
    echo "$result" >>"$work/$series"
  done
done
for series in "${series_names[@]}"; do
  echo "$series: median ready $(cut -d' ' -f1 "$work/$series" | median) ms, median idle RSS $(cut -d' ' -f2 "$work/$series" | median) MiB"
done
rm -rf "$work"

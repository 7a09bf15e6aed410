# Shared by bench/http.sh and bench/e2e.sh: the ceiling server, the jar, wrk, and stopping only what
# the script started (by PID, on exit). Traffic goes to 127.0.0.1 only.

JAR=target/orderflow.jar
CEILING_PORT=${CEILING_PORT:-18090}
HTTP_PORT=${HTTP_PORT:-18180}
PROVIDER_PORT=${PROVIDER_PORT:-18181}
KAFKA_PORT=${KAFKA_PORT:-19192}
WRK_DURATION=${WRK_DURATION:-10s}
WRK_WARMUP=${WRK_WARMUP:-3s}
work=$(mktemp -d)
started_pids=()

stop_started() {
  local pid
  for pid in "${started_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop_started EXIT

build() {
  [ -f "$JAR" ] || mvn -B -q package -DskipTests
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
  classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
}

# wait_until URL PID: polls until URL answers 200, failing if PID exited.
wait_until() {
  until curl -fs -o /dev/null "$1"; do
    kill -0 "$2" 2>/dev/null || { echo "process $2 exited before $1 answered; logs in $work" >&2; exit 1; }
    sleep 0.1
  done
}

start_ceiling() {
  java -cp "$classpath" dev.orderflow.BareCeiling "$CEILING_PORT" >"$work/ceiling.log" 2>&1 &
  ceiling_pid=$!
  started_pids+=("$ceiling_pid")
  wait_until "http://127.0.0.1:$CEILING_PORT/" "$ceiling_pid"
}

# start_orderflow [NAME=VALUE ...]: the jar with embedded defaults in a fresh data dir, rate limiting off.
start_orderflow() {
  env ORDERFLOW_HTTP_HOST=127.0.0.1 ORDERFLOW_HTTP_PORT="$HTTP_PORT" ORDERFLOW_PAYMENT_PROVIDER_PORT="$PROVIDER_PORT" \
    ORDERFLOW_KAFKA_EMBEDDED_PORT="$KAFKA_PORT" ORDERFLOW_DATA_DIR="$work/data" ORDERFLOW_RATE_LIMIT_ENABLED=false "$@" \
    java -jar "$JAR" >"$work/orderflow.log" 2>&1 &
  orderflow_pid=$!
  started_pids+=("$orderflow_pid")
  wait_until "http://127.0.0.1:$HTTP_PORT/health/ready" "$orderflow_pid"
}

# wrk_rate URL: requests/s of wrk -t2 -c32 over WRK_DURATION, after an unmeasured WRK_WARMUP run (JIT);
# its latency percentiles go to stderr.
wrk_rate() {
  local out
  wrk -t2 -c32 -d"$WRK_WARMUP" "$1" >/dev/null
  out=$(wrk -t2 -c32 -d"$WRK_DURATION" --latency "$1")
  echo "$out" | awk '/^ +(50|99)%/ {printf "    p%s %s", $1, $2} END {print ""}' | sed 's/%//g' >&2
  echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}'
}

# ratio FIGURE CEILING
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.4f", (b > 0 ? a / b : 0)}'; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# scrape_metrics FILE: the jar's /metrics, once, into FILE.
scrape_metrics() { curl -fs "http://127.0.0.1:$HTTP_PORT/metrics" >"$1"; }

# metric_sum FILE NAME [LABELS]: the sum over the series of a counter in a scrape whose labels contain
# LABELS (every series when left out; 0 when absent).
metric_sum() {
  awk -v name="$2" -v labels="${3:-}" \
    '($1 == name || index($1, name "{") == 1) && index($1, labels) > 0 {sum += $NF} END {printf "%d", sum}' "$1"
}

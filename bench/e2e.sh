#!/usr/bin/env bash
# End to end: checkouts settled per second and process CPU per settled checkout, next to the bare
# Vert.x 5 ceiling measured in the same run (wrk -t2 -c32). Starts the ceiling, measures it, stops it;
# starts the jar (fresh data dir in a temp dir, rate limiting off, an admin token of its own so the load
# generator can top up stock); runs the load generator twice (a warm-up run, then the measured run) and
# reads the jar's CPU time from /proc/<pid>/stat around the measured run.
# The warm-up run offers a quarter of the rate (--warmup-rate overrides): a cold JVM answering slower
# than the modules' 2 s request timeout opens the orders breaker, which would spoil the measured run too.
# --warmup 0 skips it: the measured run is then the first checkouts after `java -jar` (the cold figure,
# e.g. --rate 100 --duration 10s for the first 1,000). --warmup compiled repeats warm-up runs of WARM_RUN (30s) until the
# JIT compiler threads take under WARM_JIT_PERCENT (5) % of the jar's CPU in one (warm_until_compiled in bench/lib.sh).
# Usage: bench/e2e.sh [--db sqlite|postgres] [--rate N] [--duration 30s] [--warmup 15s|0|compiled] [--warmup-rate N] [--mode async|sync]
#   --db postgres: ORDERFLOW_DB_URL=postgresql://postgres@127.0.0.1:5432/test with a fresh schema prefix
#   (dropped afterwards) and a standalone single-node Kafka broker (kafka.Kafka from the jars of Maven
#   Central already on the test classpath) instead of the embedded one.
# Stops only the processes it starts, by PID. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
db=sqlite rate=200 duration=30s warmup=15s warmup_rate="" mode=async
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2 ;; --rate) rate=$2 ;; --duration) duration=$2 ;; --warmup) warmup=$2 ;; --warmup-rate) warmup_rate=$2 ;; --mode) mode=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
warmup_rate=${warmup_rate:-$(( rate / 4 > 0 ? rate / 4 : 1 ))}
. bench/lib.sh
trap 'stop_started; drop_schemas' EXIT
build

start_ceiling
ceiling=$(wrk_rate "http://127.0.0.1:$CEILING_PORT/")
echo "ceiling: bare Vert.x 5 JSON route, $(nproc) event loops, wrk -t2 -c32 -d$WRK_DURATION: $ceiling req/s"
kill -TERM "$ceiling_pid"; wait "$ceiling_pid" 2>/dev/null || true

new_admin_token
settings=("${admin_settings[@]}")
if [ "$db" = postgres ]; then
  fresh_schema_prefix
  start_broker
  settings+=(ORDERFLOW_DB_URL="$PG_URL" ORDERFLOW_DB_SCHEMA_PREFIX="$schema_prefix" ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$BROKER_PORT")
fi
start_orderflow "${settings[@]}"
echo "orderflow ($db) ready, pid $orderflow_pid"

if [ "$warmup" = 0 ]; then
  echo "no warm-up run: the measured run starts right after /health/ready (cold: the first checkouts after java -jar)"
elif [ "$warmup" = compiled ]; then
  echo "warm-up runs: $warmup_rate/s for ${WARM_RUN:-30s} each, until the JIT compiler threads take under ${WARM_JIT_PERCENT:-5} % of the jar's CPU"
  warm_until_compiled "$orderflow_pid" loadgen --mode "$mode" --rate "$warmup_rate" --duration "${WARM_RUN:-30s}"
else
  echo "warm-up run: $warmup_rate/s for $warmup"
  loadgen --mode "$mode" --rate "$warmup_rate" --duration "$warmup" --json "$work/warmup.json" | tail -n 16
fi
ticks=$(getconf CLK_TCK)
start_jit_sampler "$orderflow_pid"
cpu_before=$(cpu_ticks "$orderflow_pid")
task_switches "$orderflow_pid" >"$work/switches-before"
scrape_metrics "$work/metrics-before"
commits_before=$(metric_sum "$work/metrics-before" orderflow_db_commits_total) writes_before=$(metric_sum "$work/metrics-before" orderflow_db_writes_total)
requests_before=$(metric_sum "$work/metrics-before" vertx_eventbus_processed_total '.requests"') lines_before=$(wc -l <"$work/orderflow.log")
echo "measured run: $rate/s for $duration"
loadgen --mode "$mode" --rate "$rate" --duration "$duration" --json "$work/run.json" | tail -n 16
cpu_after=$(cpu_ticks "$orderflow_pid")
task_switches "$orderflow_pid" >"$work/switches-after"
jit_ms=$(( $(jit_ticks) * 1000 / ticks ))
scrape_metrics "$work/metrics-after"
commits_after=$(metric_sum "$work/metrics-after" orderflow_db_commits_total) writes_after=$(metric_sum "$work/metrics-after" orderflow_db_writes_total)
requests_after=$(metric_sum "$work/metrics-after" vertx_eventbus_processed_total '.requests"') lines_after=$(wc -l <"$work/orderflow.log")

settled=$(jq '.settled' "$work/run.json")
per_second=$(jq '.settledPerSecond * 10 | round / 10' "$work/run.json")
accepted_per_second=$(jq '.acceptedPerSecond * 10 | round / 10' "$work/run.json")
cpu_ms=$(( (cpu_after - cpu_before) * 1000 / ticks ))
echo "summary ($db, $mode, $rate/s offered for $duration, ceiling $ceiling req/s):"
echo "  accepted: $accepted_per_second/s, $(ratio "$accepted_per_second" "$ceiling") x ceiling"
echo "  settled checkouts: $settled, $per_second/s, $(ratio "$per_second" "$ceiling") x ceiling"
echo "  outcomes: $(jq -c '.outcomes' "$work/run.json"), errors: $(jq -c '.errors' "$work/run.json")"
echo "  orderflow CPU during the measured run: $cpu_ms ms, $(awk -v c="$cpu_ms" -v s="$settled" 'BEGIN {printf "%.2f", (s > 0 ? c / s : 0)}') ms per settled checkout; of it the JIT compiler threads $jit_ms ms, so $(awk -v c="$cpu_ms" -v j="$jit_ms" -v s="$settled" 'BEGIN {printf "%.2f", (s > 0 ? (c - j) / s : 0)}') ms per settled checkout without them"
per_checkout() { awk -v d="$(( $2 - $1 ))" -v s="$settled" 'BEGIN {printf "%.2f", (s > 0 ? d / s : 0)}'; }
echo "  per settled checkout: $(per_checkout "$commits_before" "$commits_after") durable commits holding $(per_checkout "$writes_before" "$writes_after") writes, $(per_checkout "$requests_before" "$requests_after") request-reply round trips between modules, $(per_checkout "$lines_before" "$lines_after") log lines, $(per_checkout 0 "$(switches_between "$work/switches-before" "$work/switches-after")") thread context switches"
by_module() {
  local module line=""
  for module in $(grep -o '^orderflow_db_commits_total{[^}]*module="[^"]*"' "$work/metrics-after" | sed 's/.*module="//; s/"$//' | sort -u); do
    line+=" $module $(per_checkout "$(metric_sum "$work/metrics-before" orderflow_db_commits_total "module=\"$module\"")" "$(metric_sum "$work/metrics-after" orderflow_db_commits_total "module=\"$module\"")")"
    line+="/$(per_checkout "$(metric_sum "$work/metrics-before" orderflow_db_writes_total "module=\"$module\"")" "$(metric_sum "$work/metrics-after" orderflow_db_writes_total "module=\"$module\"")"),"
  done
  echo "${line%,}"
}
echo "  commits/writes per settled checkout by module:$(by_module)"
echo "  (the CPU and counts include registering the run's customers$([ "$mode" = async ] && echo " and answering the load generator's order-list reads"))"

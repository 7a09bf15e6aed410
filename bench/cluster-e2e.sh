#!/usr/bin/env bash
# End to end on the clustered event bus: settled checkouts per second and CPU per settled checkout with
# one, two and three nodes of target/orderflow.jar, next to the bare Vert.x 5 ceiling of the same run
# (wrk -t2 -c32), at the same offered rate:
#   1 node   all modules
#   2 nodes  A gateway,catalog,customers; B the rest
#   3 nodes  A gateway,catalog,customers; B orders,checkout,inventory; C payments,payment-provider,notifications,analytics
# Every node is clustered (Hazelcast, a cluster name of its own per configuration) on PostgreSQL
# (127.0.0.1:5432, user postgres, db test) and one standalone KRaft broker started by the script. Each
# configuration gets a fresh schema prefix (also its Kafka namespace, so fresh topics and groups); all
# are dropped at exit. The gateways share a token signing key generated for the run. Per configuration:
# start the nodes, wait for each one's /health/ready, a warm-up run of the load generator at a quarter of
# the rate (--warmup-rate overrides; see bench/e2e.sh for why), the measured run, the nodes stopped.
# CPU is the sum over the configuration's JVMs (/proc/<pid>/stat around the measured run); the broker's
# and PostgreSQL's CPU are not counted.
# Usage: bench/cluster-e2e.sh [--rate 100] [--duration 30s] [--warmup 15s] [--warmup-rate N] [--mode async|sync]
# Stops only the processes it starts, by PID. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=100 duration=30s warmup=15s warmup_rate="" mode=async
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate=$2 ;; --duration) duration=$2 ;; --warmup) warmup=$2 ;; --warmup-rate) warmup_rate=$2 ;; --mode) mode=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
warmup_rate=${warmup_rate:-$(( rate / 4 > 0 ? rate / 4 : 1 ))}
. bench/lib.sh
. scripts/lib.sh
HAZELCAST_PORT=${HAZELCAST_PORT:-15701}
members=127.0.0.1:$HAZELCAST_PORT,127.0.0.1:$((HAZELCAST_PORT + 1)),127.0.0.1:$((HAZELCAST_PORT + 2))
trap 'stop_started; drop_schemas' EXIT
build

load() { awk '{print $1, $2, $3}' /proc/loadavg; }
echo "load average at the start: $(load)"
start_ceiling
ceiling=$(wrk_rate "http://127.0.0.1:$CEILING_PORT/")
echo "ceiling: bare Vert.x 5 JSON route, $(nproc) event loops, wrk -t2 -c32 -d$WRK_DURATION: $ceiling req/s"
stop_pids "$ceiling_pid"

new_admin_token
signing_key "$work/jwt-key.pem"
start_broker
run_id=$(random_hex 4)
ticks=$(getconf CLK_TCK)
rows=()
# one table row from the load generator's report of the measured run
cat >"$work/row.jq" <<'JQ'
def counts: to_entries | map("\(.key) \(.value)") | join(", ");
def tenths: . * 10 | round / 10;
"| \($config) | \(.rate)/s × \(.durationSeconds) s | \(.acceptedPerSecond | tenths) | **\(.settledPerSecond | tenths)** | \($ratio)"
+ " | **\(if .settled > 0 then $cpu_ms / .settled * 100 | round / 100 else 0 end) ms**"
+ " | \(.outcomes | counts)\(if (.errors | length) > 0 then "; errors: " + (.errors | counts) else "" end)"
+ " | \(.latencyMs.settleServer.p50) / \(.latencyMs.settleServer.p99) ms | \($load) |"
JQ

# measure LABEL MODULES...: one configuration, node i (a, b, c) running MODULES[i]; node a has the gateway.
measure() {
  local label=$1 names=(a b c) pids=() ports=() i cpu_before=0 cpu_after=0 pid
  shift
  local key=n$#
  fresh_schema_prefix
  for (( i = 0; i < $#; i++ )); do
    ports+=($(( i == 0 ? HTTP_PORT : HTTP_PORT + 1 + i )))
    clustered_node_settings "${@:i+1:1}" "${ports[i]}" $(( HAZELCAST_PORT + i )) 0 "$work/jwt-key.pem"
    launch_node "$key-${names[i]}" "${node_settings[@]}" "${admin_settings[@]}" \
      ORDERFLOW_CLUSTER_NAME="bench-$run_id-$key" ORDERFLOW_CLUSTER_MEMBERS="$members" \
      ORDERFLOW_DB_URL="$PG_URL" ORDERFLOW_DB_SCHEMA_PREFIX="$schema_prefix" ORDERFLOW_KAFKA_NAMESPACE="$schema_prefix" \
      ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$BROKER_PORT"
    pids+=("$node_pid")
  done
  for i in "${!pids[@]}"; do wait_until "http://127.0.0.1:${ports[i]}/health/ready" "${pids[i]}"; done
  echo "$label ready (pids ${pids[*]}, load average $(load)); warm-up run: $warmup_rate/s for $warmup"
  loadgen --mode "$mode" --rate "$warmup_rate" --duration "$warmup" --json "$work/$key-warmup.json" | tail -n 16
  for pid in "${pids[@]}"; do cpu_before=$(( cpu_before + $(cpu_ticks "$pid") )); done
  echo "$label measured run: $rate/s for $duration"
  loadgen --mode "$mode" --rate "$rate" --duration "$duration" --json "$work/$key-run.json" | tail -n 16
  for pid in "${pids[@]}"; do cpu_after=$(( cpu_after + $(cpu_ticks "$pid") )); done
  stop_pids "${pids[@]}"
  rows+=("$(jq -r -f "$work/row.jq" --arg config "$label" --arg load "$(load)" --argjson cpu_ms $(( (cpu_after - cpu_before) * 1000 / ticks )) \
    --arg ratio "$(ratio "$(jq .settledPerSecond "$work/$key-run.json")" "$ceiling")" "$work/$key-run.json")")
}

measure "1 node (all modules)" all
measure "2 nodes (A gateway,catalog,customers; B the rest)" gateway,catalog,customers orders,checkout,inventory,payments,payment-provider,notifications,analytics
measure "3 nodes (A gateway,catalog,customers; B orders,checkout,inventory; C payments,payment-provider,notifications,analytics)" "${split_modules[a]}" "${split_modules[b]}" "${split_modules[c]}"

echo
echo "ceiling $ceiling req/s; $rate/s offered for $duration after $warmup_rate/s for $warmup ($mode)"
echo "| configuration | offered | accepted/s | settled/s | ratio (settled / ceiling) | CPU per checkout (all nodes) | outcomes | settle p50 / p99 (server) | load average after |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"

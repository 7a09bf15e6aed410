#!/usr/bin/env bash
# Durable acceptance: POST /api/v1/orders answered 202 (the order and its OrderPlaced committed) per
# second under wrk -t2 -c32 (closed loop, as the ceiling), next to the bare Vert.x 5 ceiling measured
# in the same run, and next to the durable floor of the same run (dev.orderflow.DurableFloor: that server
# answering the same POST only once its body is committed to SQLite by a bare group commit, after
# FLOOR_WARMUP, 15s); then, once those orders settled, the acceptance latency at half that rate under the
# load generator (open model).
# The sagas of the accepted orders run meanwhile on the same two cores, as in production; the checkout
# backlog bound is lifted (ORDERFLOW_CHECKOUT_MAX_BACKLOG) so that what is measured is acceptance, not
# the push-back that protects settling (bench/e2e.sh measures that). One customer, one sku topped up.
# MODULES=gateway,catalog,customers,orders measures the acceptance tier alone (ORDERFLOW_MODULES): the orders
# are stored and their OrderPlaced relayed to Kafka, but no saga runs beside them, as on a cluster's front nodes;
# the half-rate step (loadgen --mode accept) times each order to its 202 only, in either case, after HALF_RATE_WARMUP (10s)
# of the same load in the load generator's JVM: a new JVM sent its first few hundred milliseconds of orders late, the p99.
# The jar is warmed by wrk runs of WARM_RUN (15s) until its JIT compiler threads take under 5 % of its CPU in one run
# (warm_until_compiled in bench/lib.sh); WRK_WARMUP warms the ceiling.
# Usage: bench/acceptance.sh   (WRK_DURATION=10s, WRK_WARMUP=3s, WARM_RUN=15s, WARM_JIT_PERCENT=5, WARM_MAX_RUNS=20,
#   FLOOR_WARMUP=15s, HALF_RATE_DURATION=15s, HALF_RATE_WARMUP=10s, MODULES, ports as in bench/lib.sh)
# Stops only the processes it starts, by PID. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build
sku=MUG-0001

start_ceiling
ceiling=$(wrk_rate "http://127.0.0.1:$CEILING_PORT/")
echo "ceiling: bare Vert.x 5 JSON route, $(nproc) event loops, wrk -t2 -c32 -d$WRK_DURATION: $ceiling req/s"
kill -TERM "$ceiling_pid"; wait "$ceiling_pid" 2>/dev/null || true

start_durable_floor
floor=$(TOKEN=unused SKU=$sku WRK_WARMUP=${FLOOR_WARMUP:-15s} wrk_rate "http://127.0.0.1:$CEILING_PORT/" -s bench/post-order.lua)
echo "durable floor: the same POST answered 202 once its body is committed (group commit, SQLite WAL, synchronous=FULL):" \
  "$floor req/s, $(ratio "$floor" "$ceiling") x ceiling"
stop_pids "$floor_pid"

new_admin_token
start_orderflow "${admin_settings[@]}" ORDERFLOW_CHECKOUT_MAX_BACKLOG=10000000 ${MODULES:+ORDERFLOW_MODULES=$MODULES}
base="http://127.0.0.1:$HTTP_PORT"
case ",${MODULES:-all}," in
  *,all,* | *,inventory,*) curl -fs -X PUT -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
    -d '{"available": 100000000}' "$base/admin/inventory/$sku" >/dev/null ;;
esac
token=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"acceptance-$(random_hex 4)@example.com\",\"name\":\"Acceptance\"}" \
  "$base/api/v1/customers" | jq -r '.accessToken')

warm_until_compiled "$orderflow_pid" env TOKEN="$token" SKU=$sku wrk -t2 -c32 -d"${WARM_RUN:-15s}" -s bench/post-order.lua "$base/api/v1/orders"
out=$(TOKEN=$token SKU=$sku wrk -t2 -c32 -d"$WRK_DURATION" --latency -s bench/post-order.lua "$base/api/v1/orders")
accepted=$(echo "$out" | awk '/requests in/ {total = $1; secs = $4 + 0} /Non-2xx/ {refused = $NF} END {printf "%d", (total - refused) / secs}')
refused=$(echo "$out" | awk '/Non-2xx/ {print $NF} END {}' | tail -n 1)
echo "POST /api/v1/orders under wrk -t2 -c32 -d$WRK_DURATION: $accepted accepted (202)/s, $(ratio "$accepted" "$ceiling") x ceiling," \
  "$(ratio "$accepted" "$floor") x durable floor;" \
  "$(echo "$out" | awk '/^ +(50|99)%/ {printf "p%s %s ", $1, $2}' | sed 's/%//g'); answered other than 2xx: ${refused:-0}"

[ "$accepted" -gt 0 ] || { echo "no order was accepted; the jar's log: $work/orderflow.log" >&2; exit 1; }
half=$(( accepted / 2 ))

# The half-rate run starts once the wrk runs' orders settled: their backlog would be measured, not acceptance.
unsettled() {
  scrape_metrics "$work/drain"
  echo $(( $(metric_sum "$work/drain" orderflow_checkout_sagas 'state="RUNNING"') + $(metric_sum "$work/drain" orderflow_checkout_sagas 'state="COMPENSATING"') \
    + $(metric_sum "$work/drain" orderflow_consumer_lag 'group="checkout"') + $(metric_sum "$work/drain" orderflow_outbox_backlog 'module="orders"') ))
}
for (( waited = 0; waited < 600; waited++ )); do
  [ "$(unsettled)" -eq 0 ] && { sleep 6; [ "$(unsettled)" -eq 0 ]; } && break
  sleep 1
done
echo "acceptance latency at half that rate ($half/s, open model, ${HALF_RATE_DURATION:-15s}):"
# without the admin token: the stock was topped up above (with no inventory module there is none to top up)
java -jar "$JAR" loadgen --mode accept --warmup "${HALF_RATE_WARMUP:-10s}" --target "$base" --rate "$half" --duration "${HALF_RATE_DURATION:-15s}" --skus "$sku" --json "$work/half.json" | tail -n 10
echo "  acceptance p50 / p99: $(jq -r '"\(.latencyMs.acceptance.p50) / \(.latencyMs.acceptance.p99)"' "$work/half.json") ms;" \
  "from send $(jq -r '"\(.latencyMs.acceptanceFromSend.p50) / \(.latencyMs.acceptanceFromSend.p99)"' "$work/half.json") ms;" \
  "the load generator's own send lag $(jq -r '"\(.latencyMs.sendLag.p50) / \(.latencyMs.sendLag.p99)"' "$work/half.json") ms"

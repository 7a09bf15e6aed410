# Shared by bench/http.sh, bench/e2e.sh and bench/cluster-e2e.sh: the ceiling server, the jar, wrk, and stopping only what
# the script started (by PID, on exit). Traffic goes to 127.0.0.1 only.

JAR=${JAR:-target/orderflow.jar}
CEILING_PORT=${CEILING_PORT:-18090}
HTTP_PORT=${HTTP_PORT:-18180}
PROVIDER_PORT=${PROVIDER_PORT:-18181}
KAFKA_PORT=${KAFKA_PORT:-19192}
WRK_DURATION=${WRK_DURATION:-10s}
WRK_WARMUP=${WRK_WARMUP:-3s}
work=$(mktemp -d)
started_pids=()

# stop_pids PID...: SIGTERM to each of those this script started, then waits for them.
stop_pids() {
  local pid
  for pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid; do wait "$pid" 2>/dev/null || true; done
}

# last started first: the nodes stop before the broker they flush to
stop_started() {
  local i
  for (( i = ${#started_pids[@]} - 1; i >= 0; i-- )); do stop_pids "${started_pids[i]}"; done
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

# start_durable_floor: the bare server that answers a POST once its body is committed to SQLite
# (dev.orderflow.DurableFloor, data under $work/durable-floor) on CEILING_PORT; sets floor_pid.
start_durable_floor() {
  java -cp "$classpath" dev.orderflow.DurableFloor "$CEILING_PORT" "$work/durable-floor" >"$work/durable-floor.log" 2>&1 &
  floor_pid=$!
  started_pids+=("$floor_pid")
  until grep -q 'durable floor ready' "$work/durable-floor.log"; do
    kill -0 "$floor_pid" 2>/dev/null || { echo "the durable floor exited; see $work/durable-floor.log" >&2; exit 1; }
    sleep 0.1
  done
}

# launch_node NAME [NAME=VALUE ...]: the jar as the README runs it (with the class-data archive the build
# wrote beside it; a JVM finding none starts without, one finding an archive of another build warns once in the
# log and starts without) with those settings over embedded defaults, data dir $work/NAME, log $work/NAME.log,
# rate limiting off; sets node_pid.
launch_node() {
  local name=$1
  shift
  env ORDERFLOW_HTTP_HOST=127.0.0.1 ORDERFLOW_PAYMENT_PROVIDER_PORT="$PROVIDER_PORT" ORDERFLOW_KAFKA_EMBEDDED_PORT="$KAFKA_PORT" \
    ORDERFLOW_DATA_DIR="$work/$name" ORDERFLOW_RATE_LIMIT_ENABLED=false "$@" java -XX:SharedArchiveFile="${JAR%.jar}.jsa" -XX:-DontCompileHugeMethods -jar "$JAR" >"$work/$name.log" 2>&1 &
  node_pid=$!
  started_pids+=("$node_pid")
}

# start_node NAME READY_PORT [NAME=VALUE ...]: launch_node, then waits until /health/ready answers 200 on
# READY_PORT (the gateway's or the probe server's).
start_node() {
  local name=$1 ready_port=$2
  shift 2
  launch_node "$name" "$@"
  wait_until "http://127.0.0.1:$ready_port/health/ready" "$node_pid"
}

# start_orderflow [NAME=VALUE ...]: the jar alone on HTTP_PORT (log $work/orderflow.log), as orderflow_pid.
start_orderflow() {
  start_node orderflow "$HTTP_PORT" ORDERFLOW_HTTP_PORT="$HTTP_PORT" "$@"
  orderflow_pid=$node_pid
}

random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# new_admin_token: sets admin_token to a fresh random token and admin_settings to the setting that accepts
# it (its SHA-256), so that the load generator can top up stock.
new_admin_token() {
  admin_token=$(random_hex 24)
  admin_settings=(ORDERFLOW_ADMIN_TOKEN_SHA256="$(printf %s "$admin_token" | sha256sum | cut -d' ' -f1)")
}

# loadgen [OPTION ...]: the jar's load generator against the gateway on HTTP_PORT, topping up stock with admin_token.
loadgen() { java -jar "$JAR" loadgen --target "http://127.0.0.1:$HTTP_PORT" --admin-token "$admin_token" "$@"; }

# PostgreSQL on 127.0.0.1 (user postgres, db test, trust); each run uses schemas of a fresh prefix.
PG_URL=${PG_URL:-postgresql://postgres@127.0.0.1:5432/test}
BROKER_PORT=${BROKER_PORT:-19292}
schema_prefixes=()

# fresh_schema_prefix: sets schema_prefix to a new one, dropped by drop_schemas.
fresh_schema_prefix() {
  schema_prefix="bench_$(random_hex 4)_"
  schema_prefixes+=("$schema_prefix")
}

drop_schemas() {
  local prefix
  for prefix in "${schema_prefixes[@]}"; do
    psql -h 127.0.0.1 -U postgres -d test -Atqc "SELECT 'DROP SCHEMA \"' || nspname || '\" CASCADE;' FROM pg_namespace WHERE nspname LIKE '${prefix}%'" \
      | PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -q >/dev/null
  done
}

# start_broker: a standalone single-node KRaft broker on 127.0.0.1:BROKER_PORT (kafka.Kafka from the jars
# of Maven Central already on the test classpath; needs build), logs under $work; sets broker_pid.
start_broker() {
  cat >"$work/broker.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((BROKER_PORT + 1))
listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT,CONTROLLER://127.0.0.1:$((BROKER_PORT + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/broker
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  java -cp "$classpath" kafka.tools.StorageTool format -t "$(java -cp "$classpath" kafka.tools.StorageTool random-uuid)" \
    -c "$work/broker.properties" >"$work/broker-format.log" 2>&1
  java -Dlogback.configurationFile=bench/logback-bench.xml -cp "$classpath" kafka.Kafka "$work/broker.properties" >"$work/broker.log" 2>&1 &
  broker_pid=$!
  started_pids+=("$broker_pid")
  until (exec 3<>"/dev/tcp/127.0.0.1/$BROKER_PORT") 2>/dev/null; do
    kill -0 "$broker_pid" 2>/dev/null || { echo "the broker exited; see $work/broker.log" >&2; exit 1; }
    sleep 0.2
  done
}

# wrk_rate URL [WRK OPTION ...]: requests/s of wrk -t2 -c32 over WRK_DURATION, after an unmeasured WRK_WARMUP run
# (JIT); its latency percentiles go to stderr.
wrk_rate() {
  local out url=$1
  shift
  wrk -t2 -c32 -d"$WRK_WARMUP" "$@" "$url" >/dev/null
  out=$(wrk -t2 -c32 -d"$WRK_DURATION" --latency "$@" "$url")
  echo "$out" | awk '/^ +(50|99)%/ {printf "    p%s %s", $1, $2} END {print ""}' | sed 's/%//g' >&2
  echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}'
}

# ratio FIGURE CEILING
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.4f", (b > 0 ? a / b : 0)}'; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# task_switches PID: "tid switches" for each of PID's threads (voluntary and involuntary context switches).
task_switches() {
  local task
  for task in /proc/"$1"/task/*; do
    awk -v tid="${task##*/}" '/ctxt_switches/ {sum += $2} END {print tid, sum}' "$task/status" 2>/dev/null
  done
}

# switches_between BEFORE AFTER: the context switches of the threads alive at AFTER since BEFORE (a thread
# started meanwhile counts from zero; one ended meanwhile is lost).
switches_between() {
  awk 'FNR == NR {before[$1] = $2; next} {sum += $2 - before[$1]} END {printf "%d", sum}' "$1" "$2"
}

# start_jit_sampler PID: every second, the CPU ticks of each of PID's JIT compiler threads into
# $work/jit-samples (the JVM starts and ends compiler threads as its queue grows and shrinks, and a
# thread's ticks vanish from /proc with it: sampling loses at most a second of an ended thread).
start_jit_sampler() {
  local pid=$1
  ( while kill -0 "$pid" 2>/dev/null; do
      for task in /proc/"$pid"/task/*; do
        awk '/^[0-9]+ \(C[12] CompilerThre/ {sub(/^[0-9]+ \([^)]*\) /, ""); print FILENAME, $12 + $13}' "$task/stat" 2>/dev/null
      done
      echo sampled
      sleep 1
    done >"$work/jit-samples" ) &
  jit_sampler_pid=$!
  started_pids+=("$jit_sampler_pid")
}

# jit_ticks: stops the sampler; the JIT compiler threads' ticks between its first and last sample
# (a thread first seen later counts from zero).
jit_ticks() {
  stop_pids "$jit_sampler_pid"
  awk '$1 == "sampled" {round++; next}
    !($1 in first) {first[$1] = (round == 0 ? $2 : 0)}
    {last[$1] = $2}
    END {for (t in last) sum += last[t] - first[t]; printf "%d", sum}' "$work/jit-samples"
}

# warm_until_compiled PID CMD...: runs CMD (a load of some seconds) again and again until PID's JIT compiler
# threads took less than WARM_JIT_PERCENT (default 5) % of PID's CPU during one run, or WARM_MAX_RUNS runs (default
# 20) are done: "warm" measured rather than assumed. On a slow machine the compiler threads still held a third of the
# jar's CPU after a minute of load, and took four minutes to settle (BENCHMARKS.md, tenth pass).
warm_until_compiled() {
  local pid=$1 run cpu jit share=100
  shift
  for (( run = 1; run <= ${WARM_MAX_RUNS:-20}; run++ )); do
    start_jit_sampler "$pid"
    cpu=$(cpu_ticks "$pid")
    "$@" >/dev/null
    cpu=$(( $(cpu_ticks "$pid") - cpu ))
    jit=$(jit_ticks)
    share=$(( cpu > 0 ? 100 * jit / cpu : 100 ))
    echo "warm-up run $run: the JIT compiler threads took $share % of the jar's CPU"
    [ "$share" -lt "${WARM_JIT_PERCENT:-5}" ] && return 0
  done
  echo "warm-up: the JIT compiler threads still took $share % after ${WARM_MAX_RUNS:-20} runs; measuring anyway"
}

# scrape_metrics FILE: the jar's /metrics, once, into FILE.
scrape_metrics() { curl -fs "http://127.0.0.1:$HTTP_PORT/metrics" >"$1"; }

# metric_sum FILE NAME [LABELS]: the sum over the series of a counter in a scrape whose labels contain
# LABELS (every series when left out; 0 when absent).
metric_sum() {
  awk -v name="$2" -v labels="${3:-}" \
    '($1 == name || index($1, name "{") == 1) && index($1, labels) > 0 {sum += $NF} END {printf "%d", sum}' "$1"
}

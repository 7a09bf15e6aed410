#!/usr/bin/env bash
# Orderflow as a three-node cluster on one machine: three KRaft Kafka brokers (scripts/kafka-cluster.sh)
# and three JVMs of target/orderflow.jar on the clustered event bus, sharing one PostgreSQL (a schema
# per module), each running its share of the modules:
#   node A  gateway, catalog, customers                               HTTP API on 127.0.0.1:8080
#   node B  orders, checkout, inventory                               probes on 127.0.0.1:8082
#   node C  payments, payment-provider, notifications, analytics      probes on 127.0.0.1:8083
#
# Usage: scripts/cluster.sh start DIR    start the brokers and the nodes not running yet, wait until all are
#                                        ready, print the admin token (written to DIR/admin-token)
#        scripts/cluster.sh stop DIR     stop the nodes (SIGTERM), then the brokers
#        scripts/cluster.sh kill DIR a|b|c   kill -9 one node (start starts it again)
# DIR holds each node's data dir and output (DIR/node-a.out ...), the brokers' (DIR/kafka) and the
# customers' token signing key the gateways share (DIR/jwt-key.pem, created on the first start).
# Environment: ORDERFLOW_DB_URL (default postgresql://postgres@127.0.0.1:5432/test),
#   ORDERFLOW_DB_SCHEMA_PREFIX (default cluster_), ORDERFLOW_CLUSTER_NAME (default orderflow-local),
#   KAFKA_PORT_BASE (default 19092); the jar is built first if target/orderflow.jar is missing.
# Stops only processes it started (by the PIDs in DIR, checked to be those nodes).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib.sh"
kind=node
command_and_dir "$@"
jar=$root/target/orderflow.jar
base=${KAFKA_PORT_BASE:-19092}
bootstrap=127.0.0.1:$base,127.0.0.1:$((base + 1)),127.0.0.1:$((base + 2))

# node  modules  HTTP port (the gateway's, else the probe server's)  Hazelcast port  event-bus port
declare -A http_port=([a]=8080 [b]=8082 [c]=8083)
declare -A hazelcast_port=([a]=5701 [b]=5702 [c]=5703)
declare -A bus_port=([a]=5801 [b]=5802 [c]=5803)
nodes=(a b c)

# whether PID is the node N this script started for DIR
owns() { [ -r "/proc/$1/environ" ] && tr '\0' '\n' <"/proc/$1/environ" | grep -qxF "ORDERFLOW_DATA_DIR=$dir/node-$2"; }

start_node() {
  local n=$1 settings
  [ -z "$(running_pid "$n")" ] || { echo "node $n is running"; return 0; }
  mkdir -p "$dir/node-$n"
  clustered_node_settings "${split_modules[$n]}" "${http_port[$n]}" "${hazelcast_port[$n]}" "${bus_port[$n]}" "$dir/jwt-key.pem"
  settings=(
    "${node_settings[@]}"
    ORDERFLOW_DATA_DIR="$dir/node-$n"
    ORDERFLOW_DB_URL="${ORDERFLOW_DB_URL:-postgresql://postgres@127.0.0.1:5432/test}"
    ORDERFLOW_DB_SCHEMA_PREFIX="${ORDERFLOW_DB_SCHEMA_PREFIX:-cluster_}"
    ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS="$bootstrap"
    ORDERFLOW_CLUSTER_NAME="${ORDERFLOW_CLUSTER_NAME:-orderflow-local}"
    ORDERFLOW_CLUSTER_MEMBERS=127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703
    ORDERFLOW_ADMIN_TOKEN_SHA256="$(sha256sum <"$dir/admin-token" | cut -d' ' -f1)"
  )
  env "${settings[@]}" java -Xmx512m -XX:-DontCompileHugeMethods -jar "$jar" >>"$dir/node-$n.out" 2>&1 &
  echo $! >"$dir/node-$n.pid"
  echo "started node $n (pid $!): ${split_modules[$n]}; output $dir/node-$n.out"
}

await_ready() {
  local n=$1
  until curl -fs -o /dev/null "http://127.0.0.1:${http_port[$n]}/health/ready"; do
    [ -n "$(running_pid "$n")" ] || { echo "node $n exited; see $dir/node-$n.out" >&2; exit 1; }
    sleep 1
  done
  echo "node $n ready: http://127.0.0.1:${http_port[$n]}/health/ready"
}

case "$command" in
  start)
    [ -f "$jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
    if [ ! -s "$dir/admin-token" ]; then
      (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/admin-token")
    fi
    signing_key "$dir/jwt-key.pem"
    "$root/scripts/kafka-cluster.sh" start "$dir/kafka" --background
    for n in "${nodes[@]}"; do start_node "$n"; done
    for n in "${nodes[@]}"; do await_ready "$n"; done
    echo "API: http://127.0.0.1:8080 (node A); admin token: $(cat "$dir/admin-token")"
    echo "members: curl -H \"Authorization: Bearer \$(cat $dir/admin-token)\" http://127.0.0.1:8080/admin/cluster"
    ;;
  stop)
    stop "${nodes[@]}"
    "$root/scripts/kafka-cluster.sh" stop "$dir/kafka"
    ;;
  kill)
    kill_one "${3:?which node: a, b or c}"
    ;;
  *) usage ;;
esac

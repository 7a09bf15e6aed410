#!/usr/bin/env bash
# A three-node KRaft Kafka cluster on one machine, from the Maven Central jars of the project's Kafka
# (3.9.1, resolved by Maven into ~/.m2): three processes, each a broker and a controller, on 127.0.0.1.
# Every topic is replicated on 3 brokers with min.insync.replicas=2 (scripts/kafka-broker.properties).
#
# Usage: scripts/kafka-cluster.sh start DIR [--background]   format (first time only) and start the brokers
#                                                              not running yet; prints the bootstrap servers;
#                                                              in the foreground, Ctrl-C stops them
#        scripts/kafka-cluster.sh stop DIR [NODE]              stop the brokers it started (or node 1, 2 or 3)
#        scripts/kafka-cluster.sh kill DIR NODE                kill -9 one broker (to try a broker failure)
# DIR holds the logs (DIR/broker-N), properties, output and PID files; it keeps the data across restarts.
# Ports (KAFKA_PORT_BASE, default 19092): brokers BASE, BASE+1, BASE+2; controllers BASE+100, +101, +102.
# Stops only processes it started (by the PIDs in DIR, checked to be those brokers).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib.sh"
kind=broker
command_and_dir "$@"
base=${KAFKA_PORT_BASE:-19092}
nodes=(1 2 3)
broker_port() { echo $(( base + $1 - 1 )); }
controller_port() { echo $(( base + 100 + $1 - 1 )); }
bootstrap=$(for n in "${nodes[@]}"; do printf '127.0.0.1:%s,' "$(broker_port "$n")"; done); bootstrap=${bootstrap%,}

# whether PID is the broker N this script started for DIR
owns() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF "$dir/broker-$2.properties"; }

started_lines() { local count; count=$(grep -c "Kafka Server started" "$dir/broker-$1.out" 2>/dev/null) || true; echo "${count:-0}"; }

classpath() {
  if [ ! -s "$dir/kafka.classpath" ]; then
    (cd "$root" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$dir/kafka.classpath")
  fi
  cat "$dir/kafka.classpath"
}

start() {
  local cp voters="" cluster_id pids=()
  cp=$(classpath)
  for n in "${nodes[@]}"; do voters+="$n@127.0.0.1:$(controller_port "$n"),"; done
  voters=${voters%,}
  [ -s "$dir/cluster.id" ] || java -cp "$cp" kafka.tools.StorageTool random-uuid >"$dir/cluster.id"
  cluster_id=$(cat "$dir/cluster.id")
  for n in "${nodes[@]}"; do
    sed -e "s|@NODE_ID@|$n|" -e "s|@BROKER_PORT@|$(broker_port "$n")|" -e "s|@CONTROLLER_PORT@|$(controller_port "$n")|" \
      -e "s|@VOTERS@|$voters|" -e "s|@LOG_DIR@|$dir/broker-$n|" "$root/scripts/kafka-broker.properties" >"$dir/broker-$n.properties"
    if [ ! -f "$dir/broker-$n/meta.properties" ]; then
      java -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/broker-$n.properties" >>"$dir/broker-$n.out" 2>&1
    fi
  done
  local -A started_before
  for n in "${nodes[@]}"; do
    [ -z "$(running_pid "$n")" ] || continue
    started_before[$n]=$(started_lines "$n")
    java -Xmx256m -XX:+UseSerialGC -Dlogback.configurationFile="$root/scripts/kafka-logback.xml" -cp "$cp" \
      kafka.Kafka "$dir/broker-$n.properties" >>"$dir/broker-$n.out" 2>&1 &
    echo $! >"$dir/broker-$n.pid"
    pids+=("$!")
    echo "started broker $n (pid $!): 127.0.0.1:$(broker_port "$n"), controller 127.0.0.1:$(controller_port "$n"), output $dir/broker-$n.out"
  done
  # "Kafka Server started" comes once the broker caught up with the metadata and the controller let it in.
  for n in "${!started_before[@]}"; do
    until [ "$(started_lines "$n")" -gt "${started_before[$n]}" ]; do
      [ -n "$(running_pid "$n")" ] || { echo "broker $n exited; see $dir/broker-$n.out" >&2; exit 1; }
      sleep 0.5
    done
  done
  echo "bootstrap servers: $bootstrap"
  echo "  e.g. ORDERFLOW_KAFKA_BOOTSTRAP_SERVERS=$bootstrap java -jar target/orderflow.jar"
}

case "$command" in
  start)
    if [ "${3:-}" = --background ]; then
      start
    else
      trap 'stop "${nodes[@]}"; exit 0' INT TERM
      start
      echo "Ctrl-C stops the brokers"
      while :; do sleep 1; done
    fi
    ;;
  stop)
    if [ -n "${3:-}" ]; then stop "$3"; else stop "${nodes[@]}"; fi
    ;;
  kill)
    kill_one "${3:?which broker: 1, 2 or 3}"
    ;;
  *) usage ;;
esac

# Shared by scripts/kafka-cluster.sh and scripts/cluster.sh (bench/cluster-e2e.sh uses the node settings).

# The split placement of the modules over three nodes.
declare -A split_modules=([a]=gateway,catalog,customers [b]=orders,checkout,inventory [c]=payments,payment-provider,notifications,analytics)

# signing_key FILE: creates FILE, if missing, with an EC P-256 key (and its public key) as the README says:
# the customers' token signing key that every clustered gateway must share.
signing_key() {
  [ -s "$1" ] && return 0
  (umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" && openssl pkey -in "$1" -pubout >>"$1") 2>/dev/null
}

# clustered_node_settings MODULES HTTP_PORT HAZELCAST_PORT BUS_PORT KEY_FILE: sets the array node_settings
# to the settings of a clustered node running MODULES. A node with the gateway serves the API and its
# probes on HTTP_PORT and signs tokens with KEY_FILE (see signing_key); any other has a probe server of
# its own on HTTP_PORT. The caller adds the cluster name and members, the database, Kafka and the admin token.
clustered_node_settings() {
  node_settings=(
    ORDERFLOW_MODULES="$1"
    ORDERFLOW_JWT_PRIVATE_KEY_FILE="$5"
    ORDERFLOW_CLUSTER=true
    ORDERFLOW_CLUSTER_PORT="$3"
    ORDERFLOW_CLUSTER_BUS_PORT="$4"
    # several JVMs starting at once on a small machine: give the database and brokers longer than the default 10 s
    ORDERFLOW_STARTUP_CHECK_TIMEOUT_MS=60000
  )
  case ",$1," in
    *,gateway,*|,all,) node_settings+=(ORDERFLOW_HTTP_PORT="$2") ;;
    *) node_settings+=(ORDERFLOW_PROBE_PORT="$2") ;;
  esac
}

# terminate NAME=PID...: SIGTERM to all at once (a Kafka broker's controlled shutdown needs the others'
# quorum, so they stop together), then waits for each, SIGKILL after 30 s.
terminate() {
  local entry
  for entry in "$@"; do kill -TERM "${entry#*=}" 2>/dev/null || true; done
  for entry in "$@"; do
    for _ in $(seq 150); do kill -0 "${entry#*=}" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "${entry#*=}" 2>/dev/null; then
      kill -KILL "${entry#*=}"
      echo "killed ${entry%=*} (pid ${entry#*=}): still running 30 s after SIGTERM"
    else
      echo "stopped ${entry%=*} (pid ${entry#*=})"
    fi
  done
}

# The script that sources this sets $dir and $kind (broker or node) and defines `owns PID N`: whether PID
# is its process N. Each process it starts has its PID in $dir/$kind-N.pid.

# running_pid N: the PID of process N if it is running and is the one this script started, else nothing.
running_pid() {
  local pid
  pid=$(cat "$dir/$kind-$1.pid" 2>/dev/null) || return 0
  if owns "$pid" "$1"; then echo "$pid"; fi
}

# stop N...: stops those of the processes that run, together.
stop() {
  local n pid started=()
  for n in "$@"; do
    pid=$(running_pid "$n")
    [ -n "$pid" ] || continue
    started+=("$kind $n=$pid")
    rm -f "$dir/$kind-$n.pid"
  done
  [ ${#started[@]} -eq 0 ] || terminate "${started[@]}"
}

# kill_one N: SIGKILL to process N (no chance to clean up), to try a failure.
kill_one() {
  local pid
  pid=$(running_pid "$1")
  [ -n "$pid" ] || { echo "$kind $1 is not running" >&2; exit 1; }
  kill -KILL "$pid"
  rm -f "$dir/$kind-$1.pid"
  echo "killed $kind $1 (pid $pid) with SIGKILL; 'start' starts it again"
}

# usage: the script's header comment from its "Usage:" line on, to stderr; exits 2.
usage() {
  sed -n '/^# Usage:/,/^[^#]/{/^#/p}' "$0" >&2
  exit 2
}

# Sets $command and $dir (made absolute, created if missing) from the script's first two arguments.
command_and_dir() {
  command=${1:-} dir=${2:-}
  [ -n "$command" ] && [ -n "$dir" ] || usage
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
}

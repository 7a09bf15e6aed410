# Shared by scripts/kafka-cluster.sh and scripts/cluster.sh.

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

#!/usr/bin/env bash
# A Tributary cluster of plain processes on one machine: a 3-server ZooKeeper ensemble (a real
# quorum), 2 coordinators (one leads, one stands by) and 3 shard brokers, each a background
# process of the distribution's bin/trib with its own data directory, log files and PID file.
#
# Usage: deploy/cluster.sh start|stop|status [--base-dir DIR] [--host H] [--port-offset N]
#
#   --base-dir DIR     data/<node>, logs/<node>.{out,log} and pids/<node>.pid live here
#                      (default: $TRIB_CLUSTER_DIR, else ./tributary-cluster)
#   --host H           address every process binds and advertises (default 127.0.0.1)
#   --port-offset N    added to every default port below, to run beside another cluster (default 0)
#
# Default ports:
#   ZooKeeper    zk1 2181, zk2 2182, zk3 2183 (clients); peers 2888-2890; leader election 3888-3890
#   Coordinators coordinator1 7400, coordinator2 7410
#   Brokers      broker1 7501, broker2 7502, broker3 7503
#
# Environment: TRIB (the launcher; default: the distribution built in this repository),
# JAVA_OPTS / TRIB_HEAP (passed to every process), READY_SECONDS (default 90),
# STOP_SECONDS (default 60).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TRIB=${TRIB:-$ROOT/client-cli/target/tributary/bin/trib}
READY_SECONDS=${READY_SECONDS:-90}
STOP_SECONDS=${STOP_SECONDS:-60}

usage() {
  echo "usage: $0 start|stop|status [--base-dir DIR] [--host H] [--port-offset N]" >&2
  exit 2
}
fail() {
  echo "cluster: $*" >&2
  exit 1
}

[ $# -ge 1 ] || usage
ACTION=$1
shift
BASE=${TRIB_CLUSTER_DIR:-./tributary-cluster}
HOST=127.0.0.1
OFFSET=0
while [ $# -gt 0 ]; do
  case $1 in
    --base-dir) [ $# -ge 2 ] || usage; BASE=$2; shift 2 ;;
    --host) [ $# -ge 2 ] || usage; HOST=$2; shift 2 ;;
    --port-offset) [ $# -ge 2 ] || usage; OFFSET=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ $OFFSET =~ ^[0-9]+$ ]] || fail "--port-offset $OFFSET is not a number"
[ "$OFFSET" -le 55000 ] || fail "--port-offset $OFFSET pushes ports past 65535; use at most 55000"

port() { echo $(($1 + OFFSET)); }
ZK_CONNECT="$HOST:$(port 2181),$HOST:$(port 2182),$HOST:$(port 2183)"
ENSEMBLE="$HOST:$(port 2888):$(port 3888),$HOST:$(port 2889):$(port 3889),$HOST:$(port 2890):$(port 3890)"
COORDINATORS="$HOST:$(port 7400),$HOST:$(port 7410)"
NODES=(zk1 zk2 zk3 coordinator1 coordinator2 broker1 broker2 broker3)

# The trib arguments of one node.
node_args() {
  local n=${1: -1}
  case $1 in
    zk*) echo zookeeper --dir "$BASE/data/$1" --host "$HOST" --port "$(port $((2180 + n)))" --id "$n" --ensemble "$ENSEMBLE" ;;
    coordinator1) echo coordinator --zookeeper "$ZK_CONNECT" --host "$HOST" --port "$(port 7400)" --dir "$BASE/data/$1" ;;
    coordinator2) echo coordinator --zookeeper "$ZK_CONNECT" --host "$HOST" --port "$(port 7410)" --dir "$BASE/data/$1" ;;
    broker*) echo broker --zookeeper "$ZK_CONNECT" --host "$HOST" --port "$(port $((7500 + n)))" --id "$n" --dir "$BASE/data/$1" ;;
  esac
}

pid_of() {
  local file="$BASE/pids/$1.pid"
  [ -s "$file" ] && cat "$file"
}

alive() {
  local pid
  pid=$(pid_of "$1") && kill -0 "$pid" 2>/dev/null
}

launch() {
  local node=$1
  mkdir -p "$BASE/data/$node"
  : >"$BASE/logs/$node.out"
  # shellcheck disable=SC2046 # node_args prints words without spaces inside them.
  nohup "$TRIB" $(node_args "$node") </dev/null >"$BASE/logs/$node.out" 2>"$BASE/logs/$node.log" &
  echo $! >"$BASE/pids/$node.pid"
}

await_ready() {
  local node=$1 deadline=$((SECONDS + READY_SECONDS))
  until grep -q '^READY ' "$BASE/logs/$node.out" 2>/dev/null; do
    if ! alive "$node"; then
      tail -n 20 "$BASE/logs/$node.log" >&2 || true
      fail "$node exited before it was ready; its log is $BASE/logs/$node.log"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$BASE/logs/$node.log" >&2 || true
      fail "$node was not ready within ${READY_SECONDS}s; its log is $BASE/logs/$node.log"
    fi
    sleep 0.2
  done
  echo "  $(grep -m1 '^READY ' "$BASE/logs/$node.out")"
}

# Starts a group of nodes together (the ZooKeeper servers only become ready as a quorum).
start_group() {
  local node
  for node in "$@"; do launch "$node"; done
  for node in "$@"; do await_ready "$node"; done
}

start() {
  [ -x "$TRIB" ] || fail "no launcher at $TRIB; build the distribution first, or set TRIB"
  local node
  for node in "${NODES[@]}"; do
    ! alive "$node" || fail "$node is already running (pid $(pid_of "$node")); run '$0 stop' first"
  done
  mkdir -p "$BASE/data" "$BASE/logs" "$BASE/pids"
  echo "Starting the ZooKeeper ensemble ($ZK_CONNECT)"
  start_group zk1 zk2 zk3
  echo "Starting the coordinators ($COORDINATORS)"
  start_group coordinator1 coordinator2
  echo "Starting the brokers"
  start_group broker1 broker2 broker3
  echo "Cluster ready under $BASE; use: trib --coordinator $COORDINATORS ..."
}

stop() {
  local failed=0 node pid deadline
  # Brokers and coordinators first, so that they leave ZooKeeper while it still has a quorum.
  for group in "broker1 broker2 broker3" "coordinator1 coordinator2" "zk1 zk2 zk3"; do
    for node in $group; do
      if alive "$node"; then kill -TERM "$(pid_of "$node")"; fi
    done
    for node in $group; do
      pid=$(pid_of "$node") || continue
      deadline=$((SECONDS + STOP_SECONDS))
      while kill -0 "$pid" 2>/dev/null; do
        if [ "$SECONDS" -ge "$deadline" ]; then
          echo "cluster: $node (pid $pid) did not stop within ${STOP_SECONDS}s of SIGTERM; killing it" >&2
          kill -KILL "$pid" 2>/dev/null || true
          failed=1
          break
        fi
        sleep 0.2
      done
      rm -f "$BASE/pids/$node.pid"
      echo "  stopped $node"
    done
  done
  return "$failed"
}

status() {
  local node down=0 up=0
  for node in "${NODES[@]}"; do
    if alive "$node"; then
      printf '  %-13s running (pid %s)\n' "$node" "$(pid_of "$node")"
      up=1
    else
      printf '  %-13s not running\n' "$node"
      down=1
    fi
  done
  [ "$up" -eq 1 ] || fail "no process of the cluster under $BASE is running; start it with '$0 start'"
  "$TRIB" cluster status --coordinator "$COORDINATORS" || fail "the cluster did not answer at $COORDINATORS"
  return "$down"
}

case $ACTION in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac

#!/usr/bin/env bash
# Smoke test of deploy/cluster.sh: starts the multi-node cluster (3 ZooKeeper servers, 2
# coordinators, 3 brokers) on high ports under a temporary directory, creates a stream, puts and
# gets records through both coordinators, checks the status, and stops the cluster. Exits non-zero
# with a message naming the step that failed.
#
# Build first:  mvn -B -ntp -q package -DskipTests
# Environment:  CLUSTER_SMOKE_PORT_OFFSET (default 20000: ZooKeeper on 22181-22183, coordinators
#               on 27400 and 27410, brokers on 27501-27503 — below Linux's ephemeral range
#               32768-60999, where another program's outgoing connection once held a coordinator port)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TRIB="$ROOT/client-cli/target/tributary/bin/trib"
CLUSTER="$ROOT/deploy/cluster.sh"
OFFSET=${CLUSTER_SMOKE_PORT_OFFSET:-20000}
COORDINATORS="127.0.0.1:$((7400 + OFFSET)),127.0.0.1:$((7410 + OFFSET))"
RECORDS=20

step() { printf '\n==> %s\n' "$*"; }
fail() {
  echo "cluster-smoke: FAILED: $*" >&2
  exit 1
}

[ -x "$TRIB" ] || fail "no launcher at $TRIB; build it first with: mvn -B -ntp -q package -DskipTests"

WORK=$(mktemp -d -t tributary-cluster-smoke.XXXXXX)
# Eight JVMs on a small machine: keep each one small and quick to start.
export JAVA_OPTS="${JAVA_OPTS:--Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
ARGS=(--base-dir "$WORK/cluster" --port-offset "$OFFSET")
STARTED=0

cleanup() {
  local status=$?
  if [ "$STARTED" -eq 1 ]; then
    "$CLUSTER" stop "${ARGS[@]}" >/dev/null 2>&1 || true
  fi
  if [ "$status" -ne 0 ] && [ -d "$WORK/cluster/logs" ]; then
    for log in "$WORK"/cluster/logs/*.log; do
      echo "cluster-smoke: last lines of $(basename "$log"):" >&2
      tail -n 5 "$log" >&2
    done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_s=$SECONDS
step "deploy/cluster.sh start ${ARGS[*]}"
STARTED=1
"$CLUSTER" start "${ARGS[@]}" || fail "the cluster did not start"

step "trib stream create smoke --shards 3 --replication 3"
"$TRIB" stream create smoke --shards 3 --replication 3 --coordinator "$COORDINATORS" >/dev/null ||
  fail "could not create stream 'smoke'"

step "Putting $RECORDS records through $COORDINATORS"
for i in $(seq 1 "$RECORDS"); do echo "key-$i|record-$i"; done >"$WORK/records.txt"
"$TRIB" stream put smoke --key-delimiter '|' --coordinator "$COORDINATORS" <"$WORK/records.txt" ||
  fail "could not put the records"

step "Getting them back"
"$TRIB" stream get smoke --output json --coordinator "$COORDINATORS" >"$WORK/read.json" ||
  fail "could not get the records"
read_back=$(grep -o '"data":"record-[0-9]*"' "$WORK/read.json" | sort -u | wc -l)
[ "$read_back" -eq "$RECORDS" ] || fail "put $RECORDS records but got back $read_back"
shards=$(grep -o '"shard":"[^"]*"' "$WORK/read.json" | sort -u | wc -l)
echo "read $read_back records from $shards shards"
[ "$shards" -gt 1 ] || fail "expected the records spread over several shards, found $shards"

step "deploy/cluster.sh status"
"$CLUSTER" status "${ARGS[@]}" >"$WORK/status.txt" || { cat "$WORK/status.txt"; fail "status failed"; }
cat "$WORK/status.txt"
[ "$(grep -c '^ *[1-3] ' "$WORK/status.txt")" -eq 3 ] || fail "status did not list 3 brokers"
grep -q 'leader' "$WORK/status.txt" || fail "status named no leading coordinator"

step "deploy/cluster.sh stop"
"$CLUSTER" stop "${ARGS[@]}" || fail "the cluster did not stop cleanly"
STARTED=0

echo
echo "Cluster smoke test passed in $((SECONDS - start_s))s: 8 processes started, $RECORDS records put and read, stopped cleanly."

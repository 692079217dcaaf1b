# Sourced by scripts that run against a whole local cluster: starts `trib local` in a fresh work
# directory, waits for its READY line, and stops it (printing its log's tail on failure) on exit.
#
# Before sourcing, set: ROOT (the checkout), SCRIPT_NAME (for messages), READY_SECONDS.
# Provides: TRIB, WORK, fail MESSAGE, start_local_cluster [ARGS...] (sets READY, the READY line,
# and exports TRIB_COORDINATOR).

TRIB="$ROOT/client-cli/target/tributary/bin/trib"
WORK=$(mktemp -d -t "tributary-$SCRIPT_NAME.XXXXXX")
CLUSTER_PID=
READY=

fail() {
  echo "$SCRIPT_NAME: FAILED: $*" >&2
  exit 1
}

stop_local_cluster() {
  local status=$?
  if [ -n "$CLUSTER_PID" ] && kill -0 "$CLUSTER_PID" 2>/dev/null; then
    kill -TERM "$CLUSTER_PID" 2>/dev/null || true
    wait "$CLUSTER_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$WORK/local.log" ]; then
    echo "$SCRIPT_NAME: last lines of the cluster's log:" >&2
    tail -n 20 "$WORK/local.log" >&2
  fi
  rm -rf "$WORK"
}
trap stop_local_cluster EXIT

[ -x "$TRIB" ] || fail "no launcher at $TRIB; build it first with: mvn -B -ntp -q package -DskipTests"

start_local_cluster() {
  "$TRIB" local --dir "$WORK/data" --port-base 0 "$@" >"$WORK/local.out" 2>"$WORK/local.log" &
  CLUSTER_PID=$!
  local deadline=$((SECONDS + READY_SECONDS))
  until grep -q '^READY ' "$WORK/local.out" 2>/dev/null; do
    kill -0 "$CLUSTER_PID" 2>/dev/null || fail "the cluster exited before it was ready"
    [ "$SECONDS" -lt "$deadline" ] || fail "the cluster was not ready within ${READY_SECONDS}s"
    sleep 0.2
  done
  READY=$(grep -m1 '^READY ' "$WORK/local.out")
  echo "$READY"
  local coordinator=${READY#READY coordinator=}
  export TRIB_COORDINATOR=${coordinator%% *}
}

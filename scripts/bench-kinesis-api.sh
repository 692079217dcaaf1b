#!/usr/bin/env bash
# Throughput through the Kinesis-compatible endpoint beside the native producer, on one machine:
# starts `trib local`, then writes the same number of records of the same size into fresh 4-shard
# streams with `trib bench produce` (native client), with the AWS SDK's PutRecords of 500 records
# from several callers (sync client on HTTP/1.1, async client on HTTP/2), and reads the SDK's
# records back with GetRecords. Prints the RESULT lines and stops the cluster.
#
# Build first:  mvn -B -ntp -q package -DskipTests   and   mvn -B -ntp -q -pl gateway test-compile
# Environment:  BENCH_RECORDS (default 1000000), BENCH_RECORD_SIZE (default 100), BENCH_CALLERS (default 4),
#               MVN (default "mvn -B -ntp -q"; add -o to stay offline)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TRIB="$ROOT/client-cli/target/tributary/bin/trib"
RECORDS=${BENCH_RECORDS:-1000000}
SIZE=${BENCH_RECORD_SIZE:-100}
CALLERS=${BENCH_CALLERS:-4}
MVN=${MVN:-mvn -B -ntp -q}
READY_SECONDS=60

fail() {
  echo "bench-kinesis-api: FAILED: $*" >&2
  exit 1
}

[ -x "$TRIB" ] || fail "no launcher at $TRIB; build it first with: mvn -B -ntp -q package -DskipTests"
[ -d "$ROOT/gateway/target/test-classes/io/tributary/gateway/bench" ] ||
  fail "no benchmark classes; build them with: mvn -B -ntp -q -pl gateway test-compile"

WORK=$(mktemp -d -t tributary-bench-kinesis.XXXXXX)
CLUSTER_PID=
cleanup() {
  local status=$?
  if [ -n "$CLUSTER_PID" ] && kill -0 "$CLUSTER_PID" 2>/dev/null; then
    kill -TERM "$CLUSTER_PID" 2>/dev/null || true
    wait "$CLUSTER_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$WORK/local.log" ]; then
    echo "bench-kinesis-api: last lines of the cluster's log:" >&2
    tail -n 20 "$WORK/local.log" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$ROOT" && $MVN -pl gateway dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null) || fail "could not resolve the gateway's test classpath"
CLASSPATH="$ROOT/gateway/target/test-classes:$ROOT/gateway/target/classes:$(cat "$WORK/classpath.txt")"

"$TRIB" local --dir "$WORK/data" --port-base 0 >"$WORK/local.out" 2>"$WORK/local.log" &
CLUSTER_PID=$!
deadline=$((SECONDS + READY_SECONDS))
until grep -q '^READY ' "$WORK/local.out" 2>/dev/null; do
  kill -0 "$CLUSTER_PID" 2>/dev/null || fail "the cluster exited before it was ready"
  [ "$SECONDS" -lt "$deadline" ] || fail "the cluster was not ready within ${READY_SECONDS}s"
  sleep 0.2
done
READY=$(grep -m1 '^READY ' "$WORK/local.out")
echo "$READY"
COORDINATOR=${READY#READY coordinator=}
export TRIB_COORDINATOR=${COORDINATOR%% *}
ENDPOINT=${READY##* kinesis=}
[ -n "$ENDPOINT" ] && [ "$ENDPOINT" != "$READY" ] || fail "the READY line names no kinesis endpoint"

echo "== native producer: trib bench produce --records $RECORDS --record-size $SIZE"
"$TRIB" stream create bench-native --shards 4 >/dev/null
"$TRIB" bench produce --stream bench-native --records "$RECORDS" --record-size "$SIZE" | grep '^RESULT ' ||
  fail "the native benchmark printed no RESULT line"

for client in sync async; do
  echo "== SDK $client client: PutRecords of 500 from $CALLERS callers, then GetRecords of every shard"
  "$TRIB" stream create "bench-sdk-$client" --shards 4 >/dev/null
  java -cp "$CLASSPATH" io.tributary.gateway.bench.KinesisApiBench --endpoint "$ENDPOINT" \
    --stream "bench-sdk-$client" --records "$RECORDS" --record-size "$SIZE" --callers "$CALLERS" \
    --client "$client" --read 2>"$WORK/bench-$client.log" | grep '^RESULT ' ||
    fail "the SDK benchmark ($client) failed: $(tail -n 5 "$WORK/bench-$client.log")"
done

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
SCRIPT_NAME=bench-kinesis-api
RECORDS=${BENCH_RECORDS:-1000000}
SIZE=${BENCH_RECORD_SIZE:-100}
CALLERS=${BENCH_CALLERS:-4}
MVN=${MVN:-mvn -B -ntp -q}
READY_SECONDS=60

# shellcheck source=lib/local-cluster.sh
. "$ROOT/scripts/lib/local-cluster.sh"

[ -d "$ROOT/gateway/target/test-classes/io/tributary/gateway/bench" ] ||
  fail "no benchmark classes; build them with: mvn -B -ntp -q -pl gateway test-compile"

(cd "$ROOT" && $MVN -pl gateway dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null) || fail "could not resolve the gateway's test classpath"
CLASSPATH="$ROOT/gateway/target/test-classes:$ROOT/gateway/target/classes:$(cat "$WORK/classpath.txt")"

start_local_cluster
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

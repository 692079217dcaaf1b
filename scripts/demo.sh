#!/usr/bin/env bash
# Tributary quickstart: starts a whole cluster in one process, writes a few thousand clickstream
# events into a 4-shard stream, reads them back, counts them per shard, runs a produce benchmark,
# ranks top pages with a streaming job, lands the clicks in files through a delivery stream, and
# stops the cluster. Every step is checked, so this doubles as a smoke test: it exits non-zero
# with a message naming the step that failed.
#
# Build first:  mvn -B -ntp -q package -DskipTests
# Environment:  DEMO_EVENTS (default 5000), DEMO_BENCH_RECORDS (default 200000)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRIPT_NAME=demo
EVENTS=${DEMO_EVENTS:-5000}
BENCH_RECORDS=${DEMO_BENCH_RECORDS:-200000}
READY_SECONDS=60
STOP_SECONDS=60

step() { printf '\n==> %s\n' "$*"; }

# shellcheck source=lib/local-cluster.sh
. "$ROOT/scripts/lib/local-cluster.sh"

step "Starting a local cluster: trib local --dir $WORK/data --port-base 0"
start_local_cluster

step "trib stream create clicks --shards 4"
"$TRIB" stream create clicks --shards 4 || fail "could not create stream 'clicks'"

step "Producing $EVENTS clickstream events keyed by user: trib stream put clicks --key-delimiter '|'"
start_ms=$(($(date +%s) * 1000))
awk -v n="$EVENTS" -v t0="$start_ms" 'BEGIN {
  srand(7);
  split("/ /products /products/42 /cart /checkout /search", pages, " ");
  split("view click scroll add-to-cart purchase", actions, " ");
  for (i = 0; i < n; i++) {
    user = "user-" int(rand() * 100);
    printf "%s|{\"user\":\"%s\",\"page\":\"%s\",\"action\":\"%s\",\"timestamp\":%.0f}\n",
      user, user, pages[1 + int(rand() * 6)], actions[1 + int(rand() * 5)], t0 + i * 37;
  }
}' >"$WORK/events.txt"
head -n 2 "$WORK/events.txt"
echo "..."
"$TRIB" stream put clicks --key-delimiter '|' <"$WORK/events.txt" || fail "could not write the events"

step "Reading them back: trib stream get clicks --output json"
"$TRIB" stream get clicks --output json >"$WORK/clicks.json" || fail "could not read stream 'clicks'"
head -c 400 "$WORK/clicks.json"
echo " ..."

step "Events per shard"
grep -o '"shard":"[^"]*"' "$WORK/clicks.json" | sed 's/"shard":"\(.*\)"/\1/' | sort | uniq -c |
  awk 'BEGIN { printf "%-22s %8s\n", "SHARD", "EVENTS" } { printf "%-22s %8d\n", $2, $1; total += $1 }
       END { printf "%-22s %8d\n", "total", total }' | tee "$WORK/counts.txt"
read_back=$(awk '$1 == "total" { print $2 }' "$WORK/counts.txt")
[ "$read_back" = "$EVENTS" ] || fail "wrote $EVENTS events but read back ${read_back:-0}"
shards_used=$(grep -c '^shardId-' "$WORK/counts.txt" || true)
[ "$shards_used" -eq 4 ] || fail "expected events in all 4 shards, found $shards_used"

step "trib stream describe clicks"
"$TRIB" stream describe clicks || fail "could not describe stream 'clicks'"

step "Benchmark: trib bench produce --stream bench --records $BENCH_RECORDS --record-size 100"
"$TRIB" stream create bench --shards 4 >/dev/null || fail "could not create stream 'bench'"
"$TRIB" bench produce --stream bench --records "$BENCH_RECORDS" --record-size 100 >"$WORK/bench.out" ||
  fail "the produce benchmark failed"
grep '^RESULT ' "$WORK/bench.out" || fail "the benchmark printed no RESULT line"

EXAMPLES="$ROOT/client-cli/target/tributary/examples/tributary-examples.jar"
[ -f "$EXAMPLES" ] || fail "no example jobs at $EXAMPLES; build them first with: mvn -B -ntp -q package -DskipTests"
step "Stream processing: ClickstreamTopPages, the top pages of every minute in event time"
"$TRIB" stream create page-clicks --shards 1 >/dev/null || fail "could not create stream 'page-clicks'"
"$TRIB" stream create top-pages --shards 1 >/dev/null || fail "could not create stream 'top-pages'"
JOB_ID=$("$TRIB" job run "$EXAMPLES" --class io.tributary.examples.ClickstreamTopPages --detached \
  -- --input page-clicks --output top-pages --top 3) || fail "could not submit ClickstreamTopPages"
echo "Submitted job $JOB_ID"
# Three minutes of clicks, up to 4 s out of order, then one an hour later: event time passes the
# three minutes, so their windows are complete and ranked.
awk -v t0=1700000040000 'BEGIN {
  srand(11);
  split("/ /home /products /cart /checkout /search", pages, " ");
  for (i = 0; i < 900; i++) {
    p = 1 + int(6 * rand() * rand());
    printf "{\"user\":\"u%d\",\"page\":\"%s\",\"ts\":%.0f}\n", i % 40, pages[p], t0 + i * 200 - int(rand() * 4000);
  }
  printf "{\"user\":\"u0\",\"page\":\"/\",\"ts\":%.0f}\n", t0 + 3600000;
}' >"$WORK/page-clicks.txt"
head -n 2 "$WORK/page-clicks.txt"
"$TRIB" stream put page-clicks <"$WORK/page-clicks.txt" >/dev/null || fail "could not write the clicks"

deadline=$((SECONDS + 40))
until [ "$("$TRIB" stream get top-pages 2>/dev/null | grep -c '^shardId-' || true)" -ge 9 ]; do
  [ "$SECONDS" -lt "$deadline" ] ||
    fail "no complete top pages within 40s; see 'trib job describe $JOB_ID' (state and records per subtask)"
  sleep 1
done
echo "Top pages per minute (window start, rank, page, clicks):"
"$TRIB" stream get top-pages --output json | grep -o '"data":"[^"]*"' | sed 's/"data":"\(.*\)"/\1/; s/\\t/\t/g'

step "trib job cancel $JOB_ID"
"$TRIB" job cancel "$JOB_ID" || fail "could not cancel job $JOB_ID"
deadline=$((SECONDS + 30))
until "$TRIB" job describe "$JOB_ID" | grep -q '^State: *CANCELED'; do
  [ "$SECONDS" -lt "$deadline" ] || fail "job $JOB_ID was not CANCELED within 30s"
  sleep 0.5
done
echo "Job $JOB_ID CANCELED."

step "Delivery stream: the clicks landed as gzip JSON objects in $WORK/landing"
"$TRIB" delivery create clicks-to-files --destination "file://$WORK/landing" --buffer-interval 1s \
  --compression gzip --prefix 'clicks/!{timestamp:yyyy/MM/dd}/' || fail "could not create delivery stream 'clicks-to-files'"
"$TRIB" delivery put clicks-to-files <"$WORK/page-clicks.txt" || fail "could not put the clicks to 'clicks-to-files'"
CLICKS=$(wc -l <"$WORK/page-clicks.txt")
delivered_lines() {
  find "$WORK/landing" -name '*.json.gz' -type f -exec cat {} + 2>/dev/null | gzip -dc 2>/dev/null | wc -l
}
deadline=$((SECONDS + 60))
until [ "$(delivered_lines)" -ge "$CLICKS" ]; do
  [ "$SECONDS" -lt "$deadline" ] ||
    fail "only $(delivered_lines) of $CLICKS clicks delivered within 60s; see 'trib delivery describe clicks-to-files'"
  sleep 1
done
[ "$(delivered_lines)" -eq "$CLICKS" ] || fail "$(delivered_lines) lines delivered for $CLICKS clicks"
find "$WORK/landing" -type f | sed "s|$WORK/landing/||" | head -n 3
"$TRIB" delivery describe clicks-to-files || fail "could not describe 'clicks-to-files'"
"$TRIB" delivery delete clicks-to-files || fail "could not delete 'clicks-to-files'"

step "Stopping the cluster (SIGTERM to pid $CLUSTER_PID)"
kill -TERM "$CLUSTER_PID"
deadline=$((SECONDS + STOP_SECONDS))
while kill -0 "$CLUSTER_PID" 2>/dev/null; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    kill -KILL "$CLUSTER_PID" 2>/dev/null || true
    fail "the cluster did not stop within ${STOP_SECONDS}s of SIGTERM"
  fi
  sleep 0.2
done
cluster_status=0
wait "$CLUSTER_PID" || cluster_status=$?
CLUSTER_PID=
[ "$cluster_status" -eq 0 ] || fail "the cluster exited with status $cluster_status"

echo
echo "Demo finished: $EVENTS events written and read back, top pages ranked by a streaming job, clicks delivered to files, cluster stopped cleanly."

#!/usr/bin/env bash
# Crash safety of the counters: a writer counting as fast as it can is killed with SIGKILL, again and
# again, at random moments. After every kill the file must pass PRAGMA integrity_check and hold every
# count the writer reported written (and at most one more per kill: written, killed before it said so).
#   tests/stats_kill.sh PATH/TO/stats_writer [KILLS]
set -u
writer=$1
kills=${2:-40}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/stats.db
reported=0
alive_ms=0
RANDOM=7
for ((k = 1; k <= kills; k++)); do
  "$writer" write "$db" > "$tmp/out" 2> "$tmp/err" &
  pid=$!
  # between 30 and 330 ms: past the open and the WAL recovery, into the stream of writes
  ms=$((30 + RANDOM % 300))
  alive_ms=$((alive_ms + ms))
  sleep "0.$(printf '%03d' $ms)"
  kill -KILL $pid
  wait $pid 2>/dev/null
  if [ -s "$tmp/err" ]; then
    echo "stats_kill: kill $k: the writer failed: $(cat "$tmp/err")"; exit 1
  fi
  last=$(tail -n 1 "$tmp/out" 2>/dev/null)
  [ -z "$last" ] && last=0
  reported=$((reported + last))
  read -r total integrity < <("$writer" check "$db")
  if [ "$integrity" != ok ]; then
    echo "stats_kill: kill $k: integrity_check says '$integrity'"; exit 1
  fi
  if [ "$total" -lt "$reported" ] || [ "$total" -gt $((reported + k)) ]; then
    echo "stats_kill: kill $k: $reported counts reported written, $total in the file"; exit 1
  fi
done
echo "stats_kill: $kills kills mid-write, $reported counts reported written, $total in the file, integrity ok"
echo "stats_kill: about $((reported * 1000 / alive_ms)) counts a second while alive (opening the file included)"
echo "stats_kill: 1 passed, 0 failed"

#!/usr/bin/env bash
# A fleet of two kiosks and the municipality's content repository (a local bare git repository):
# both kiosks run headless (SDL's offscreen driver) with [data] dir = STATE/current, and
# dist/velkommen-update brings them each commit. A good commit reaches both (their live reload shows
# one page more); a broken commit is refused by the check, names the file and line, and reaches
# neither: the link stays, the kiosks keep showing the last good content and keep running.
#   tests/fleet.sh PATH/TO/velkommen      (VELKOMMEN_DATA points at the repository)
set -u
bin=$1
data=${VELKOMMEN_DATA:?}
update=$data/dist/velkommen-update
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "fleet: $*"; for k in k1 k2; do echo "--- $k log:"; cat "$tmp/$k.log" 2>/dev/null; done; echo "fleet: 0 passed, 1 failed"; exit 1; }

# the municipality's repository: content/ and locales/ as bundled
git init -q -b main "$tmp/checkout"
cp -r "$data/content" "$data/locales" "$tmp/checkout/"
commit() { git -C "$tmp/checkout" add -A && git -C "$tmp/checkout" -c user.name=Staff -c user.email=staff@kommune.invalid commit -qm "$1"; }
commit "Indhold som leveret"
git clone -q --bare "$tmp/checkout" "$tmp/content.git"
git -C "$tmp/checkout" remote add origin "$tmp/content.git"
publish() { commit "$1" && git -C "$tmp/checkout" push -q origin main; }

upd() { "$update" --repo "$tmp/content.git" --state "$tmp/$1" --assets "$data/assets" --velkommen "$bin"; }
for k in k1 k2; do
  upd $k > "$tmp/$k.update" 2>&1 || fail "the first update of $k failed: $(cat "$tmp/$k.update")"
done
pages=$(find "$tmp/k1/current/content" -name '*.md' ! -name '_*' ! -name README.md | wc -l)

for k in k1 k2; do
  SDL_VIDEODRIVER=offscreen VELKOMMEN_DATA= "$bin" run --windowed 640x360 --config /dev/null --stats off \
    --data "$tmp/$k/current" > "$tmp/$k.log" 2>&1 &
  pids+=($!)
done
sleep 1
for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || fail "a kiosk did not start"; done

# wait_for FILE PATTERN SECONDS [COUNT]: until PATTERN is in FILE (COUNT times)
wait_for() {
  for ((i = 0; i < $3 * 10; i++)); do
    [ "$(grep -c "$2" "$1")" -ge "${4:-1}" ] && return 0
    sleep 0.1
  done
  return 1
}

# 1. a good commit: a new page reaches both kiosks
cat > "$tmp/checkout/content/samfund/aabningstider.md" <<'EOF'
---
title: Åbningstider
summary: Hvornår kan du komme?
---
Borgerservice har åbent mandag til fredag.
EOF
publish "Ny side: åbningstider"
started=$(date +%s%N)
for k in k1 k2; do
  upd $k > "$tmp/$k.update" 2>&1 || fail "the update of $k failed: $(cat "$tmp/$k.update")"
  grep -q "now showing" "$tmp/$k.update" || fail "$k did not switch: $(cat "$tmp/$k.update")"
done
for k in k1 k2; do
  wait_for "$tmp/$k.log" "content reloaded: $((pages + 1)) pages" 10 || fail "$k did not show the new page"
done
shown_ms=$((($(date +%s%N) - started) / 1000000))
good=$(readlink "$tmp/k1/current")

# the content repository's own CI passes the good commit
(cd "$tmp/checkout" && VELKOMMEN="$bin" VELKOMMEN_ASSETS="$data/assets" "$data/dist/check-content-repo" > "$tmp/ci.log" 2>&1) ||
  fail "the content repository's CI refused a good commit: $(cat "$tmp/ci.log")"

# 2. a broken commit: front matter never closed. Refused, named, and nowhere to be seen.
printf -- '---\ntitle: Ødelagt\n\nDenne side mangler sin sidste linje med tre streger.\n' \
  > "$tmp/checkout/content/samfund/oedelagt.md"
(cd "$tmp/checkout" && VELKOMMEN="$bin" VELKOMMEN_ASSETS="$data/assets" "$data/dist/check-content-repo" > "$tmp/ci.log" 2>&1)
[ $? = 2 ] || fail "the content repository's CI did not stop the broken page: $(cat "$tmp/ci.log")"
publish "En side med en fejl"
for k in k1 k2; do
  if upd $k > "$tmp/$k.update" 2>&1; then fail "$k took the broken commit: $(cat "$tmp/$k.update")"; fi
  grep -q "refused .*(Staff: En side med en fejl)" "$tmp/$k.update" || fail "$k did not say it refused: $(cat "$tmp/$k.update")"
  grep -q "samfund/oedelagt.md:1:.*error" "$tmp/$k.update" || fail "$k did not name the file and line: $(cat "$tmp/$k.update")"
  [ "$(readlink "$tmp/$k/current")" = "$good" ] || fail "$k moved its link"
done
echo "fleet: what IT sees in the journal of a refused update:"
sed 's/^/fleet:   /' "$tmp/k1.update"
sleep 1.5
for k in k1 k2; do
  [ "$(grep -c 'content reloaded' "$tmp/$k.log")" = 1 ] || fail "$k reloaded after the refused commit"
  ! grep -q "oedelagt" "$tmp/$k.log" || fail "$k saw the broken page"
done
for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || fail "a kiosk stopped"; done

# 3. the fix reaches both again, and old releases are pruned to --keep
rm "$tmp/checkout/content/samfund/oedelagt.md"
echo "Lørdag er der lukket." >> "$tmp/checkout/content/samfund/aabningstider.md"
publish "Ret fejlen"
for k in k1 k2; do
  upd $k > "$tmp/$k.update" 2>&1 || fail "the fix did not reach $k: $(cat "$tmp/$k.update")"
  wait_for "$tmp/$k.log" "content reloaded: $((pages + 1)) pages" 10 2 || fail "$k did not reload the fix"
done
upd k1 > "$tmp/k1.update" 2>&1 && grep -q "up to date" "$tmp/k1.update" || fail "a second run is not 'up to date'"
echo "fleet: 2 kiosks; a good commit shown by both in ${shown_ms} ms (update + live reload), a broken one refused by both"
echo "fleet: 1 passed, 0 failed"

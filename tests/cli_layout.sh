#!/usr/bin/env bash
# `velkommen layout` keeps the JSON format the README documents: the output for a fixed Arabic sample
# with a Latin name in brackets and digits equals a golden file, key for key and value for value
# (integers exactly, pixel figures within 0.02 px, so a last-digit rounding difference between
# machines is no failure), and every key the README's example names is in the output.
#   tests/cli_layout.sh PATH/TO/velkommen     (VELKOMMEN_DATA points at the repository)
# VK_UPDATE_FIXTURES=1 rewrites the golden file with what the program prints: review the diff.
# Only POSIX tools (grep, awk, paste): CI installs neither jq nor, by name, python3.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
input=$here/layout/cli-ar-mixed.input
golden=$here/layout/cli-ar-mixed.jsonl
readme=$here/../README.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
failed=0
fail() {
  failed=$((failed + 1))
  echo "FAIL $*"
}

"$bin" layout --lang ar --width 600 --size 32 "$input" >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -ne 0 ] || [ -s "$tmp/err" ]; then
  fail "velkommen layout: status $status, stderr:"
  sed 's/^/     /' "$tmp/err"
fi
if [ "${VK_UPDATE_FIXTURES:-}" = 1 ]; then
  cp "$tmp/out" "$golden"
  echo "wrote $golden"
fi

# one JSON object per paragraph, one paragraph per input line
paragraphs=$(grep -c '' "$input")
objects=$(grep -c '^{"paragraph":[0-9]*,.*}$' "$tmp/out")
[ "$objects" -eq "$paragraphs" ] && [ "$(grep -c '' "$tmp/out")" -eq "$paragraphs" ] ||
  fail "$paragraphs paragraphs in, $objects JSON objects out"

# Token by token: strings, numbers and punctuation in order; a key, a font name or a bracket differs
# exactly, a number with a decimal point within the tolerance, any other number exactly.
tokens() {
  grep -oE '"[^"]*"|-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|[][{}:,]|[^][{}:,"[:space:]0-9-]+' "$1"
}
tokens "$golden" >"$tmp/want"
tokens "$tmp/out" >"$tmp/got"
if ! paste -d '\t' "$tmp/want" "$tmp/got" | awk -F '\t' -v tol=0.02 '
  {
    if ($1 == ":")
      last_key = prev
    prev = $1
    same = $1 == $2
    if (!same && $1 ~ /^-?[0-9]+\.[0-9]+$/ && $2 ~ /^-?[0-9]+\.[0-9]+$/) {
      d = $1 - $2
      same = d <= tol && -d <= tol
    }
    if (!same) {
      printf "     token %d (after key %s): want %s, got %s\n", NR, last_key, $1 == "" ? "(end)" : $1, $2 == "" ? "(end)" : $2
      if (++bad >= 10) exit 1
    }
  }
  END { exit bad > 0 }'; then
  fail "the layout differs from $(basename "$golden") (VK_UPDATE_FIXTURES=1 rewrites it)"
fi

# Every key of the README's example object is printed.
keys=$(awk '/^`layout` lays out/ { doc = 1 } doc && /^```json/ { block = 1; next } block && /^```/ { exit }
            block { print }' "$readme" | grep -oE '"[a-z_]+":' | sort -u)
[ -n "$keys" ] || fail "no JSON example in the README's layout section"
for k in $keys; do
  grep -qF "$k" "$tmp/out" || fail "key $k of the README's example is missing from the output"
done

if [ "$failed" -eq 0 ]; then
  echo "ok   velkommen layout matches $(basename "$golden"); README keys: $(echo $keys | tr -d '":')"
  exit 0
fi
exit 1

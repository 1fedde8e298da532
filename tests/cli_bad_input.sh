#!/usr/bin/env bash
# The command line as IT meets it: bad input ends with exactly one line on standard error that names
# what is wrong, exit status 2, and nothing from SDL or a crash.
#   tests/cli_bad_input.sh PATH/TO/velkommen     (VELKOMMEN_DATA points at the repository)
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# expect STATUS PATTERN -- ARGS...: runs velkommen, checks the status, that stderr is one line
# matching PATTERN (grep -E), and that stdout is empty.
expect() {
  local want=$1 pattern=$2
  shift 3
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  local lines
  lines=$(wc -l <"$tmp/err")
  if [ "$got" -eq "$want" ] && [ "$lines" -eq 1 ] && grep -Eq "$pattern" "$tmp/err" && [ ! -s "$tmp/out" ] \
     && ! grep -q 'SDL' "$tmp/err"; then
    passed=$((passed + 1))
    echo "ok   velkommen $*"
  else
    failed=$((failed + 1))
    echo "FAIL velkommen $*: status $got (want $want), $lines line(s) on stderr:"
    sed 's/^/     /' "$tmp/err"
  fi
}

expect 2 "^velkommen: unknown language 'xx' \(languages: da, en, ar, ti" -- render --lang xx --size 800x600 --out "$tmp/a.png"
expect 2 "^velkommen: unknown page 'nowhere' \\(welcome, picker, home" -- render --lang da --page nowhere --size 800x600 --out "$tmp/a.png"
expect 2 "^velkommen: --size needs a size" -- render --lang da --size 10x10 --out "$tmp/a.png"
expect 2 "^velkommen: render needs --out" -- render --lang da --size 800x600
expect 2 "^velkommen: unknown option '--frobnicate' for render" -- render --frobnicate
expect 2 "^velkommen: unknown command 'dance'" -- dance
expect 2 "^velkommen: --windowed needs a size" -- --windowed big
expect 2 "no/such/dir/a\.png: cannot write: No such file or directory$" -- render --lang da --size 800x600 --out "$tmp/no/such/dir/a.png"

# A kiosk whose font file went missing: the message names the file and the reason.
mkdir -p "$tmp/data"
cp -r "$VELKOMMEN_DATA/assets" "$VELKOMMEN_DATA/locales" "$tmp/data/"
rm "$tmp/data/assets/fonts/NotoSansEthiopic-Regular.ttf"
expect 2 "^velkommen: .*/assets/fonts/NotoSansEthiopic-Regular\.ttf: cannot open font: No such file or directory$" -- \
  render --data "$tmp/data" --lang da --size 800x600 --out "$tmp/a.png"
# A font file that is not a font.
echo "not a font" >"$tmp/data/assets/fonts/NotoSansEthiopic-Regular.ttf"
expect 2 "NotoSansEthiopic-Regular\.ttf: cannot open font: not an OpenType or TrueType font$" -- \
  render --data "$tmp/data" --lang da --size 800x600 --out "$tmp/a.png"
# Language metadata with a broken line: file and line are named.
cp "$VELKOMMEN_DATA/assets/fonts/NotoSansEthiopic-Regular.ttf" "$tmp/data/assets/fonts/"
printf 'so\tSoomaali\tsideways\tNotoSans\ten\n' >>"$tmp/data/locales/languages"
expect 2 "locales/languages:10: direction of 'so' must be ltr or rtl, not 'sideways'$" -- \
  render --data "$tmp/data" --lang da --size 800x600 --out "$tmp/a.png"
expect 2 "data directory not found" -- render --data "$tmp/nothing-here" --lang da --size 800x600 --out "$tmp/a.png"

# A configuration file with a typo: the file, the line and what is known are named.
printf '[kiosk]\nidle_seconds = 90\nidle_secs = 30\n' >"$tmp/velkommen.conf"
expect 2 "velkommen.conf:3: unknown setting 'idle_secs' in \\[kiosk\\]" -- run --config "$tmp/velkommen.conf"
printf '[kiosk]\nidle_seconds = forever\n' >"$tmp/velkommen.conf"
expect 2 "velkommen.conf:2: idle_seconds must be a number of seconds from 10 to 3600, not 'forever'$" -- \
  run --config "$tmp/velkommen.conf"
printf '[kiosk]\nstaff_pin_hash = 1234\n' >"$tmp/velkommen.conf"
expect 2 "velkommen.conf:2: staff_pin_hash must be a crypt\\(3\\) hash" -- run --config "$tmp/velkommen.conf"
expect 2 "nowhere.conf: cannot read the configuration: No such file or directory$" -- run --config "$tmp/nowhere.conf"

# check tells staff which pages nobody has checked against their official source, and which were
# checked over a year ago (front matter `checked:`); information, not a warning: exit 0 with --strict.
mkdir -p "$tmp/facts"
cp -r "$VELKOMMEN_DATA/assets" "$VELKOMMEN_DATA/locales" "$VELKOMMEN_DATA/content" "$tmp/facts/"
sed -i '0,/^title:/s//checked: 2001-02-03\ntitle:/' "$tmp/facts/content/jobcenter/praktik.md"
sed -i "0,/^title:/s//checked: $(date +%Y-%m-%d)\ntitle:/" "$tmp/facts/content/samfund/velfaerd.md"
out=$("$bin" check --strict --data "$tmp/facts" 2>/dev/null)
status=$?
pages=$(find "$tmp/facts/content" -name '*.md' ! -name '_*' ! -name README.md | wc -l)
if [ "$status" -eq 0 ] &&
  printf '%s\n' "$out" | grep -q "^facts: 2 of $pages pages say when they were last checked" &&
  printf '%s\n' "$out" | grep -q "^  never checked: .*($((pages - 2)))$" &&
  printf '%s\n' "$out" | grep -q "^  checked more than a year ago: jobcenter/praktik (1)$"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL check's facts lines (status $status):"
  printf '%s\n' "$out" | tail -4
fi

# script takes --stats off as run does: no counting, and the script runs
printf 'size 800x600\nexpect screen welcome\n' >"$tmp/off.script"
if "$bin" script "$tmp/off.script" --stats off >/dev/null 2>"$tmp/err"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL script --stats off: $(cat "$tmp/err")"
fi

# Not bad input, but where a lost user turns: every command answers --help with its own usage, exit 0.
for cmd in run render layout check extract script soak stats speak; do
  out=$("$bin" "$cmd" --help 2>&1)
  status=$?
  want="  velkommen $cmd"
  [ "$cmd" = run ] && want="  velkommen [run]"
  if [ "$status" -eq 0 ] && printf '%s\n' "$out" | grep -qF -- "$want" && ! printf '%s\n' "$out" | grep -q "unknown"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $cmd --help: status $status"
    printf '%s\n' "$out"
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Bad input, all of it: every folder next to this script is one case, data only (README.md there
# says how to write one). The runner copies the case to a scratch folder, runs velkommen with the
# arguments in `cmd`, and compares the exit status and the whole of standard error with `expect`,
# after writing the scratch paths back as @CASE@, @DATA@, @TMP@ and @REPO@. It also checks that the
# run left the case's own files exactly as they were: nothing is ever written into content/ or
# locales/. A case marked `readonly` is run on a read-only copy and, where strace works, traced: any
# attempt to open a file there for writing, create, rename or remove one fails the case (the tests
# run as root, for whom chmod alone stops nothing).
#   tests/bad_input/run.sh PATH/TO/velkommen [CASE...]     (VELKOMMEN_DATA points at the repository)
set -u
bin=$1
shift
case $bin in */*) bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin") ;; esac # each case runs in its own folder
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${VELKOMMEN_DATA:?VELKOMMEN_DATA must name the repository}" && pwd)
work=$(mktemp -d)
# Messages from libc and libgettextpo in English whatever the machine's language; no window even if
# a case that should fail starts the kiosk; no configuration but the one a case names.
export LC_ALL=C.UTF-8 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset VELKOMMEN_CONFIG
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# strace is used where it works (not in containers without ptrace, and not under LeakSanitizer,
# which refuses to run traced).
use_strace=false
if [ -z "${ASAN_OPTIONS:-}" ] && command -v strace >/dev/null && strace -f -qq -o /dev/null true 2>/dev/null; then
  use_strace=true
fi

if [ $# -gt 0 ]; then
  cases=("$@")
else
  cases=()
  for d in "$here"/*/; do
    cases+=("$(basename "$d")")
  done
fi

passed=0
failed=0
fail() {
  failed=$((failed + 1))
  echo "FAIL $name: $1"
  [ -n "${2:-}" ] && sed 's/^/     /' <<<"$2"
}

# The text of a `prepare` line, with \n, \t, \xHH and \0 turned into the bytes they name.
unescape() { printf '%b' "$1"; }

# Appends TEXT COUNT times to FILE, by doubling (a megabyte takes twenty steps, not a million).
repeat() {
  local file=$1 count=$2 chunk out=""
  chunk=$(unescape "$3"; printf .)
  chunk=${chunk%.}
  while [ "$count" -gt 0 ]; do
    [ $((count & 1)) -eq 1 ] && out+=$chunk
    chunk+=$chunk
    count=$((count >> 1))
  done
  printf '%s' "$out" >>"$file"
}

# A listing of every file under the case with its type, size, mode and checksum.
snapshot() {
  (cd "$1" && find . -printf '%p %y %s %m %l\n' | sort && find . -type f -print0 | sort -z | xargs -0r md5sum)
}

for name in "${cases[@]}"; do
  src=$here/$name
  if [ ! -f "$src/cmd" ]; then
    fail "no cmd file in tests/bad_input/$name"
    continue
  fi
  case_dir=$work/cases/$name
  tmp=$work/tmp/$name
  mkdir -p "$work/cases" "$tmp"
  cp -a "$src" "$case_dir"
  rm -f "$case_dir/cmd" "$case_dir/expect" "$case_dir/prepare"
  data=$case_dir/data

  readonly_case=false
  broken=""
  if [ -f "$src/prepare" ]; then
    while read -r verb a b rest || [ -n "$verb" ]; do
      case $verb in
        '' | '#'*) ;;
        write) mkdir -p "$(dirname "$case_dir/$a")" && unescape "$b${rest:+ $rest}" >>"$case_dir/$a" ;;
        repeat) mkdir -p "$(dirname "$case_dir/$a")" && repeat "$case_dir/$a" "$b" "$rest" ;;
        symlink) mkdir -p "$(dirname "$case_dir/$a")" && ln -s "$b" "$case_dir/$a" ;;
        fifo) mkdir -p "$(dirname "$case_dir/$a")" && mkfifo "$case_dir/$a" ;;
        readonly) readonly_case=true ;;
        *) broken="prepare: unknown step '$verb' (write, repeat, symlink, fifo, readonly)" ;;
      esac
    done <"$src/prepare"
  fi
  if [ -n "$broken" ]; then
    fail "$broken"
    continue
  fi
  # data/ is a data folder: the repository's assets/ and locales/ unless the case brings its own
  # files (a case's file replaces the repository's of the same name), and the case's content/.
  if [ -d "$data" ]; then
    [ -e "$data/assets" ] || ln -s "$repo/assets" "$data/assets"
    mkdir -p "$data/locales"
    cp -Rn "$repo/locales/." "$data/locales/"
  fi

  args=()
  while IFS= read -r arg || [ -n "$arg" ]; do
    arg=${arg//@DATA@/$data}
    arg=${arg//@CASE@/$case_dir}
    arg=${arg//@TMP@/$tmp}
    arg=${arg//@REPO@/$repo}
    args+=("$arg")
  done <"$src/cmd"

  runner=(timeout 60)
  traced=false
  $readonly_case && chmod -R a-w "$case_dir"
  before=$(snapshot "$case_dir")
  if $readonly_case; then
    if $use_strace; then
      traced=true
      runner+=(strace -f -qq -o "$tmp/trace" -e "trace=open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,rmdir,truncate,link,linkat,symlink,symlinkat,chmod,fchmodat,utimensat")
    fi
  fi
  (cd "$tmp" && "${runner[@]}" "$bin" "${args[@]}" >"$tmp/stdout" 2>"$tmp/stderr")
  status=$?
  after=$(snapshot "$case_dir")
  $readonly_case && chmod -R u+w "$case_dir"

  # the paths of this run, written back as the placeholders the expect file uses
  got=$(cat "$tmp/stderr"; printf .)
  got=${got%.}
  got=${got//$tmp/@TMP@}
  got=${got//$data/@DATA@}
  got=${got//$case_dir/@CASE@}
  got=${got//$repo/@REPO@}
  if [ ! -f "$src/expect" ]; then
    # a new case: show what the program says, to be read and, when right, saved as its expect file
    fail "no expect file yet; the run printed (check it, then save it as tests/bad_input/$name/expect):" \
      "exit $status"$'\n'"${got%$'\n'}"
    continue
  fi
  want_status=$(head -n 1 "$src/expect")
  want=$(tail -n +2 "$src/expect"; printf .)
  want=${want%.}
  problems=""
  if [ "exit $status" != "$want_status" ]; then
    problems="exit status $status, expected ${want_status#exit }"
    [ "$status" -eq 124 ] && problems="timed out after 60 s"
  fi
  if [ "$got" != "$want" ]; then
    problems="${problems:+$problems; }standard error differs (- expected, + got)"
    details=$(diff <(printf '%s' "$want") <(printf '%s' "$got") | sed -n 's/^</-/p; s/^>/+/p')
  else
    details=""
  fi
  if [ "$before" != "$after" ]; then
    problems="${problems:+$problems; }files in the case folder changed"
    details+=${details:+$'\n'}$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed -n 's/^</-/p; s/^>/+/p')
  fi
  if $traced; then
    # a write attempt: an open for writing or creating, or any call that makes, moves or removes
    writes=$(grep -F "$case_dir" "$tmp/trace" | grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|^[0-9]+ +(creat|mkdir|mkdirat|rename|renameat2?|unlink|unlinkat|rmdir|truncate|link|linkat|symlink|symlinkat|chmod|fchmodat|utimensat)\(')
    if [ -n "$writes" ]; then
      problems="${problems:+$problems; }tried to write into the read-only case folder"
      details+=${details:+$'\n'}${writes//$case_dir/@CASE@}
    fi
  fi
  if [ -n "$problems" ]; then
    fail "$problems" "$details"
  else
    passed=$((passed + 1))
    note=""
    $readonly_case && note=$($traced && echo " (read-only, traced: no write attempt)" || echo " (read-only, files unchanged; strace not usable here)")
    echo "ok   $name$note"
  fi
done

echo "bad_input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

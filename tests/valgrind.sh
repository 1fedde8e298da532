#!/usr/bin/env bash
# A scripted kiosk session under valgrind memcheck: every screen type, every language, the idle reset,
# the staff screen and a reload request. Zero errors and zero definitely-lost bytes, or the test fails.
#   tests/valgrind.sh PATH/TO/velkommen       (VELKOMMEN_DATA points at the repository)
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  echo "size 1280x720"
  for lang in da en ar ti; do
    echo "tap 640 360"; echo "choose $lang"; echo "open jobcenter"; echo "open jobcenter/praktik"
    [ "$lang" != da ] && echo "tap danish"; echo "tap textsize"; echo "tap contrast"; echo "drag 600 600 600 200 200"; echo "wait 1000"
    echo "tap back"; echo "tap home"; echo "open afgoerelser"; echo "tap language"; echo "choose da"
    echo "wait 101000"; echo "expect screen welcome"
  done
  echo "press 10 10 5200"; echo "pin 4321"; echo "expect screen staff"; echo "tap reload"; echo "tap close"
} > "$tmp/session.script"
valgrind --quiet --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --suppressions="$here/valgrind.supp" \
  "$bin" script "$tmp/session.script" --config "$here/scripts/staff.conf"
status=$?
if [ $status -eq 0 ]; then echo "valgrind: 1 passed, 0 failed"; else echo "valgrind: 0 passed, 1 failed"; fi
exit $status

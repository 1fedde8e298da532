#!/usr/bin/env bash
# The kiosk in a real window on a real X server (Xvfb): it starts fullscreen on the picker (on a
# 1920x1080 screen and on a 1280x1024 one, at the screen's size), a mouse
# click on Arabic opens the Arabic page (its back button is then on the right), Escape does not quit
# a kiosk, Escape does quit with --allow-quit, and a crash is reported with a backtrace.
#   tests/kiosk_window.sh PATH/TO/velkommen       (VELKOMMEN_DATA points at the repository)
set -u
bin=$1
if [ -z "${VK_UNDER_XVFB:-}" ]; then
  VK_UNDER_XVFB=1 exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$@"
fi
small=${VK_SMALL_SCREEN:-} # set: the part of this test on a 1280x1024 screen (run by the part on 1920x1080)
tmp=$(mktemp -d)
# no sound card here: SDL's dummy output, so the kiosk has sound to offer Listen with and nothing to
# warn about (without any, it says so on standard error, which this test wants empty)
export SDL_AUDIODRIVER=dummy
passed=0
failed=0
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what"; fi
}
# colour of one screen pixel, as ImageMagick names it (srgb(r,g,b))
pixel() {
  xwd -root -silent > "$tmp/screen.xwd"
  convert "$tmp/screen.xwd" -format "%[pixel:p{$1,$2}]" info:
}
# until_pixel X Y COLOUR SECONDS: waits until the screen shows COLOUR at (X, Y); slow builds (the
# sanitizer one) take longer to draw, so poll instead of sleeping a fixed time
until_pixel() {
  local deadline=$((SECONDS + $4)) seen=""
  while [ $SECONDS -lt "$deadline" ]; do
    seen=$(pixel "$1" "$2")
    [ "$seen" = "$3" ] && return 0
    sleep 0.3
  done
  echo "     pixel ($1, $2) is $seen after $4 s, want $3"
  return 1
}
# until_gone PID SECONDS
until_gone() {
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt "$deadline" ]; do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.2
  done
  return 1
}
wait_for_window() {
  # the first frame is drawn when the background colour fills the screen
  until_pixel 10 540 "$background" 60 && sleep 0.5
}
accent='srgb(11,92,173)'
background='srgb(247,244,238)'

if [ -n "$small" ]; then
  # A screen that is not 1920x1080: the window takes the screen's size and place, its whole picture
  # is on the screen, and a tap in its middle reaches the welcome screen.
  "$bin" 2>"$tmp/err5" &
  pid=$!
  check "on a 1280x1024 screen the kiosk opens a window" until_pixel 10 512 "$background" 60
  sleep 0.5
  # (SDL names the window's class after the program)
  geometry=$(xdotool search --class velkommen getwindowgeometry %@ 2>/dev/null | tr -s ' ' | tr '\n' ' ')
  check "the window is the screen: 1280x1024 at 0,0 ($geometry)" \
    bash -c "echo '$geometry' | grep -q 'Position: 0,0 .*Geometry: 1280x1024'"
  check "the far corner is the kiosk's, not the bare screen's" until_pixel 1275 1019 "$background" 5
  xdotool mousemove 640 512 click 1
  # the picker's language buttons are accent-coloured: some must show up on the screen
  accent_share() {
    xwd -root -silent > "$tmp/screen.xwd"
    convert "$tmp/screen.xwd" -fill black +opaque "$accent" -fill white -opaque "$accent" -format "%[fx:mean]" info:
  }
  picker_shown() {
    local deadline=$((SECONDS + 20))
    while [ $SECONDS -lt "$deadline" ]; do
      awk -v m="$(accent_share)" 'BEGIN { exit !(m > 0.02) }' && return 0
      sleep 0.3
    done
    return 1
  }
  check "a tap in the middle of the welcome screen opens the picker" picker_shown
  kill "$pid" 2>/dev/null
  until_gone "$pid" 20
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  check "nothing was printed on standard error" [ ! -s "$tmp/err5" ]
  cat "$tmp/err5"
  rm -rf "$tmp"
  echo "$passed passed, $failed failed (1280x1024)"
  [ "$failed" -eq 0 ]
  exit
fi

"$bin" 2>"$tmp/err1" &
pid=$!
check "the kiosk opens a window" wait_for_window
# (1840, 56) is inside the back button's end padding on a right-to-left page
check "the top right corner is empty on the welcome screen" until_pixel 1840 56 "$background" 1
# a tap anywhere on the welcome screen, then Arabic: the third language, left column, second row
xdotool mousemove 960 540 click 1
check "a tap on the welcome screen opens the picker" until_pixel 630 760 "$accent" 20
xdotool mousemove 630 760 click 1
check "a click on Arabic opens the Arabic page: back button on the right" until_pixel 1840 56 "$accent" 20
xdotool key Escape
sleep 1
check "Escape does not close a kiosk" kill -0 "$pid"
kill "$pid" 2>/dev/null
check "SIGTERM stops it (the service manager must be able to)" until_gone "$pid" 20
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null

"$bin" --allow-quit 2>"$tmp/err2" &
pid=$!
wait_for_window
xdotool key Escape
check "with --allow-quit, Escape quits" until_gone "$pid" 20
kill -9 "$pid" 2>/dev/null
wait "$pid"
status=$?
check "and the exit status is 0" [ "$status" -eq 0 ]
# a screen mounted upside down ([kiosk] rotation = 180): the picture is turned, and so are the touches
"$bin" --rotation 180 --allow-quit 2>"$tmp/err4" &
pid=$!
wait_for_window
xdotool mousemove 960 540 click 1
# the picker's Arabic button, turned: (630, 760) is drawn at (1920 - 630, 1080 - 760)
check "turned 180 degrees, the picker's Arabic button is drawn turned" until_pixel 1290 320 "$accent" 20
xdotool mousemove 1290 320 click 1
check "and a click there opens Arabic: its back button, turned, at the bottom left" until_pixel 80 1024 "$accent" 20
xdotool key Escape
until_gone "$pid" 20
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
# a crash: the fatal signal and a backtrace go to the journal, and the exit status is not 0, so
# systemd's Restart=on-failure starts the kiosk again
"$bin" 2>"$tmp/err3" &
pid=$!
wait_for_window
kill -SEGV "$pid"
check "after SIGSEGV it exits" until_gone "$pid" 20
kill -9 "$pid" 2>/dev/null
wait "$pid"
status=$?
check "with status 128 + 11 (not 0: the service manager restarts it)" [ "$status" -eq 139 ]
check "naming the signal" grep -q "crashed with SIGSEGV" "$tmp/err3"
check "with a backtrace through app_cmd_run" grep -q "app_cmd_run" "$tmp/err3"
# the same kiosk on a screen of another size, on an X server of its own
check "on a 1280x1024 screen too (below)" env VK_SMALL_SCREEN=1 xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$bin"
check "nothing was printed on standard error" bash -c "[ ! -s '$tmp/err1' ] && [ ! -s '$tmp/err2' ] && [ ! -s '$tmp/err4' ]"
cat "$tmp/err1" "$tmp/err2" "$tmp/err4"
rm -rf "$tmp"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Velkommen as IT installs it: `cmake --install` into a staging root (DESTDIR), and the .deb that
# cpack builds, unpacked with dpkg-deb -x into a second one. From each root, with no VELKOMMEN_DATA,
# the installed program must find its own data (PREFIX/share/velkommen beside PREFIX/bin), check it
# clean and draw an Arabic page; the example configuration must load; the systemd units must pass
# systemd-analyze verify and start a program that is there; the package must depend on SDL 2.
#   tests/install.sh BUILD_DIR INSTALL_PREFIX      (the prefix the build was configured with)
set -u
build=$1
prefix=$2
unset VELKOMMEN_DATA VELKOMMEN_CONFIG
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
# run NAME CMD...: the command must exit 0; its output is shown only when it does not
run() {
  local name=$1
  shift
  if "$@" >"$tmp/out" 2>&1; then
    ok "$name"
  else
    fail "$name: status $?, output:"
    sed 's/^/     /' "$tmp/out" | tail -n 20
    return 1
  fi
}

# the width and height in a PNG's IHDR chunk, as "WxH"
png_size() {
  od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", (($1*256+$2)*256+$3)*256+$4, (($5*256+$6)*256+$7)*256+$8 }'
}

# --- 1. cmake --install into a staging root
run "DESTDIR=... cmake --install (prefix $prefix)" env DESTDIR="$tmp/root-install" cmake --install "$build"

# --- 2. the .deb: built by cpack, its fields, unpacked into a second root
if run "cpack -G DEB" cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/pkg"; then
  deb=$(ls "$tmp"/pkg/velkommen_*.deb 2>/dev/null | head -n 1)
  if [ -n "$deb" ]; then
    ok "package $(basename "$deb"), $(stat -c %s "$deb") bytes, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"
    depends=$(dpkg-deb -f "$deb" Depends)
    if grep -q 'libsdl2-2\.0-0' <<<"$depends"; then ok "Depends: $depends"; else fail "Depends names no libsdl2: '$depends'"; fi
    for field in Maintainer Section Description; do
      [ -n "$(dpkg-deb -f "$deb" "$field")" ] && ok "$field: $(dpkg-deb -f "$deb" "$field" | head -n 1)" || fail "no $field"
    done
    grep -q '\bcage\b' <<<"$(dpkg-deb -f "$deb" Recommends)" && ok "Recommends: $(dpkg-deb -f "$deb" Recommends)" \
      || fail "Recommends does not name cage"
    run "dpkg-deb -x" dpkg-deb -x "$deb" "$tmp/root-deb"
    dpkg-deb -e "$deb" "$tmp/control"
    run "maintainer scripts parse (sh -n)" sh -n "$tmp/control/postinst" "$tmp/control/prerm" "$tmp/control/postrm"
  else
    fail "cpack wrote no velkommen_*.deb"
  fi
fi

# --- 3. each root: the program on its own data, the configuration example, the units
check_root() {
  local name=$1 root=$2 pre=$3
  local bin=$root$pre/bin/velkommen data=$root$pre/share/velkommen
  if [ ! -x "$bin" ]; then
    fail "$name: no program at $bin"
    return
  fi
  for f in locales/languages locales/LINGUAS locales/ar/velkommen.po assets/fonts/NotoSansArabic-Regular.ttf; do
    [ -f "$data/$f" ] || fail "$name: $pre/share/velkommen/$f is missing"
  done

  # check: clean, and about the installed content, not the source tree's
  if run "$name: velkommen check" "$bin" check; then
    grep -q "velkommen check: $data/content:" "$tmp/out" && ok "$name: check read $pre/share/velkommen/content" \
      || fail "$name: check did not read $data/content: $(grep 'velkommen check:' "$tmp/out")"
  fi

  # a real page of the installed content, in Arabic
  local page
  page=$(cd "$data/content" && find . -name '*.md' ! -name '_*' ! -name README.md | sed 's|^\./||; s|\.md$||' | sort | head -n 1)
  local png=$tmp/$name-ar.png
  if run "$name: velkommen render --lang ar --page $page --size 1280x720" \
      "$bin" render --lang ar --page "$page" --size 1280x720 --out "$png"; then
    if [ -s "$png" ] && [ "$(png_size "$png")" = 1280x720 ]; then ok "$name: $(basename "$png") is a 1280x720 PNG"
    else fail "$name: $png is not a 1280x720 PNG ($(png_size "$png" 2>/dev/null))"; fi
  fi

  # the example configuration loads as shipped (every line commented out) and with every setting set
  local conf=$root$pre/share/doc/velkommen/velkommen.conf
  printf 'size 640x480\nexpect screen welcome\n' >"$tmp/welcome.script"
  run "$name: the example velkommen.conf loads" "$bin" script "$tmp/welcome.script" --config "$conf"
  sed -E 's/^;([a-z_]+ = )/\1/' "$conf" >"$tmp/all-set.conf"
  if [ "$(grep -cE '^[a-z_]+ = ' "$tmp/all-set.conf")" -ge 4 ]; then
    run "$name: the example velkommen.conf loads with its settings uncommented" \
      "$bin" script "$tmp/welcome.script" --config "$tmp/all-set.conf"
  else
    fail "$name: fewer than 4 settings in the example configuration"
  fi

  # the units: the program they start is in the root; systemd-analyze verify says nothing
  local sys=$root$pre/lib/systemd/system/velkommen.service user=$root$pre/lib/systemd/user/velkommen.service
  local exe
  exe=$(sed -n 's/^ExecStart=.* -- \([^ ]*\).*/\1/p' "$sys")
  [ -n "$exe" ] && [ -x "$root$exe" ] && ok "$name: the kiosk unit starts $exe, which is there" \
    || fail "$name: the kiosk unit's program '$exe' is not in the root"
  exe=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$user")
  [ -n "$exe" ] && [ -x "$root$exe" ] && ok "$name: the desktop unit starts $exe, which is there" \
    || fail "$name: the desktop unit's program '$exe' is not in the root"
  exe=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$root$pre/lib/systemd/system/velkommen-update.service")
  [ -n "$exe" ] && [ -x "$root$exe" ] && ok "$name: the content update unit starts $exe, which is there" \
    || fail "$name: the content update unit's program '$exe' is not in the root"
  if command -v systemd-analyze >/dev/null; then
    # verify checks that each command exists, so the copies name the program inside the root
    mkdir -p "$tmp/$name-units"
    # (velkommen-update's path starts with velkommen's, so the same substitution serves)
    for u in velkommen.service velkommen-update.service velkommen-update.timer; do
      sed "s|$pre/bin/velkommen|$bin|g" "$root$pre/lib/systemd/system/$u" >"$tmp/$name-units/$u"
    done
    sed "s|$pre/bin/velkommen|$bin|g" "$user" >"$tmp/$name-units/velkommen-user.service"
    for u in velkommen.service velkommen-update.service velkommen-update.timer velkommen-user.service; do
      if systemd-analyze verify "$tmp/$name-units/$u" >"$tmp/out" 2>&1 && [ ! -s "$tmp/out" ]; then
        ok "$name: systemd-analyze verify $u"
      else
        fail "$name: systemd-analyze verify $u:"
        sed 's/^/     /' "$tmp/out"
      fi
    done
    if command -v systemd-sysusers >/dev/null; then
      systemd-sysusers --dry-run --root="$root" velkommen.conf >"$tmp/out" 2>&1
      grep -q "Creating user 'velkommen'" "$tmp/out" && ok "$name: systemd-sysusers would create the user velkommen" \
        || { fail "$name: systemd-sysusers:"; sed 's/^/     /' "$tmp/out"; }
    fi
  else
    echo "skip $name: systemd-analyze is not installed (package systemd)"
  fi
}

check_root install "$tmp/root-install" "$prefix"
[ -d "$tmp/root-deb" ] && check_root deb "$tmp/root-deb" /usr

echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

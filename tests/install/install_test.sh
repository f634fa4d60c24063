#!/usr/bin/env bash
# PushLab installed as a user gets it: `cmake --install` into a DESTDIR, the tree then moved to
# another folder, and the installed programs run on the installed data (a scenario, a lesson,
# a screenshot of the window), from a folder that holds none of it. Then CPack's .deb: what it
# holds, and that it depends on Debian's runtime packages only.
#
#   tests/install/install_test.sh BUILD_DIR [install|deb]
set -euo pipefail
build=$1
part=${2:-install}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "install_test: $*" >&2; exit 1; }

check_install() {
  DESTDIR="$work/stage" cmake --install "$build" --prefix /opt/pushlab >/dev/null
  mv "$work/stage/opt/pushlab" "$work/moved"  # moved: it must run where it lands
  local root=$work/moved share=$work/moved/share/pushlab
  for file in bin/pushlab bin/pushlab-cli share/pushlab/scenarios/chat.json \
      share/pushlab/lessons/01-short-polling.md share/pushlab/web/index.html \
      share/pushlab/fonts/DejaVuSans.ttf share/applications/pushlab.desktop \
      share/icons/hicolor/scalable/apps/pushlab.svg; do
    [ -e "$root/$file" ] || fail "$file is not installed"
  done
  grep -q '^Exec=pushlab' "$root/share/applications/pushlab.desktop" || fail "desktop entry: no Exec"

  mkdir "$work/elsewhere" && cd "$work/elsewhere"
  # Named as in the README, found in share/: a scenario that only the installed data has.
  sed 's/"name": "chat"/"name": "only-installed"/' "$share/scenarios/chat.json" \
    >"$share/scenarios/only-installed.json"
  "$root/bin/pushlab-cli" run scenarios/only-installed.json --json >run.json ||
    fail "pushlab-cli run scenarios/only-installed.json failed"
  grep -q '"scenario": "only-installed"' run.json || fail "run --json: $(head -c 300 run.json)"
  "$root/bin/pushlab-cli" lesson "$share/lessons/01-short-polling.md" >lesson.txt ||
    fail "pushlab-cli lesson failed"
  grep -q 'GET /poll' lesson.txt || fail "the lesson shows no poll: $(head -c 300 lesson.txt)"
  "$root/bin/pushlab-cli" validate "$share"/scenarios/*.json "$share"/lessons/*.md >/dev/null ||
    fail "the installed scenarios and lessons do not validate"

  # Leak checks off for the window only, as in gui_test: Mesa's driver leaks, unsuppressibly.
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
    xvfb-run -a -s '-screen 0 1280x720x24' "$root/bin/pushlab" --size 1280x720 \
    --screenshot shot.png || fail "the installed pushlab took no screenshot"
  /usr/bin/python3 - shot.png <<'PY' || fail "shot.png is not a 1280x720 PNG"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
assert struct.unpack(">II", data[16:24]) == (1280, 720)
PY
  [ ! -e imgui.ini ] || fail "the window left an imgui.ini in the working folder"

  # A data folder that does not exist is named, with what was expected.
  if PUSHLAB_DATA_DIR="$work/none" ASAN_OPTIONS=detect_leaks=0 "$root/bin/pushlab" --screenshot x.png 2>err.txt; then
    fail "PUSHLAB_DATA_DIR pointing nowhere was not refused"
  fi
  grep -q "PUSHLAB_DATA_DIR is \"$work/none\", which has no scenarios/ folder" err.txt ||
    fail "PUSHLAB_DATA_DIR error: $(cat err.txt)"
  echo "install_test: installed, moved, and ran from $root"
}

check_deb() {
  (cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/package" >cpack.log) ||
    fail "cpack failed: $(tail -5 "$work/cpack.log")"
  local deb
  deb=$(ls "$work"/package/pushlab_*.deb)
  local depends
  depends=$(dpkg-deb -f "$deb" Depends)
  echo "install_test: $(basename "$deb") depends on: $depends"
  for package in libc6 libstdc++6 libglfw3 libssl3; do
    grep -q "\b$package\b" <<<"$depends" || fail "Depends lacks $package"
  done
  ! grep -q -- '-dev\b' <<<"$depends" || fail "Depends names a -dev package"
  dpkg-deb -c "$deb" >contents.txt
  for file in ./usr/bin/pushlab ./usr/bin/pushlab-cli ./usr/share/pushlab/scenarios/chat.json \
      ./usr/share/applications/pushlab.desktop; do
    grep -q " $file\$" contents.txt || fail "the .deb lacks $file"
  done
}

case $part in
  install) check_install ;;
  deb) cd "$work" && check_deb ;;
  *) fail "unknown part $part (expected install or deb)" ;;
esac

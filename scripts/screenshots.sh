#!/usr/bin/env bash
# Makes the README's screenshots with pushlab --screenshot, under Xvfb: no screen needed.
#   scripts/screenshots.sh            (after cmake --build --preset default)
set -euo pipefail
cd "$(dirname "$0")/.."
pushlab=build/default/apps/gui/pushlab
out=docs/images
[ -x "$pushlab" ] || { echo "screenshots: build first: cmake --build --preset default" >&2; exit 1; }
mkdir -p "$out"
shot() {
  local name=$1
  shift
  xvfb-run -a -s '-screen 0 1920x1080x24' "$pushlab" "$@" --size 1440x900 --screenshot "$out/$name.png"
  echo "screenshots: $out/$name.png"
}
shot main-view scenarios/chat.json --at 1.1
shot inspector-101 scenarios/chat.json --select 101
shot inspector-masked-frame scenarios/chat.json --select websocket:10
shot presentation scenarios/chat.json --presentation --at 1.1
shot live-lanes scenarios/corporate-proxy.json --live --at 0.4 --panel figures
shot lesson lessons/02-long-polling.md --step 3

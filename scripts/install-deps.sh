#!/usr/bin/env bash
# Installs the Debian packages PushLab needs to build, test and run.
# Idempotent: packages already installed are skipped, so a second run does nothing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang-format
  # libraries
  libssl-dev libboost1.81-dev nlohmann-json3-dev doctest-dev libcli11-dev libbenchmark-dev
  libmd4c-dev
  # hiredis, Redis's own C client: checks our RESP codec byte for byte
  libhiredis-dev
  # the window: Dear ImGui (with its GLFW and OpenGL 3 backends), GLFW, stb for PNGs
  libimgui-dev libglfw3-dev libstb-dev
  # the window without a screen, for tests and screenshots: Xvfb and Mesa's software OpenGL
  xvfb xauth libgl1-mesa-dri
  # independent peers for the live server's tests: a WebSocket library and a real browser
  python3-websockets chromium
  # Wireshark's dissectors, to check the captures PushLab writes
  tshark
  # fuzzing (libFuzzer ships in clang's runtime)
  clang libclang-rt-14-dev
  # Node.js, to run the reference Engine.IO and Socket.IO libraries (npm ci into the build tree)
  nodejs
)
# Debian's npm, unless npm is already there: NodeSource's nodejs package brings its own npm and
# conflicts with Debian's.
if ! command -v npm >/dev/null; then
  packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"

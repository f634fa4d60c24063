#!/usr/bin/env bash
# The cluster's scale benchmark (docs/PERFORMANCE.md, "Cluster"): one WebSocket room on eight
# servers with Redis pub/sub, a broadcast a second for 60 s, at growing client counts, in the
# metrics-only mode (run --no-trace), and 100,000 once more with the whole Trace kept.
#   bench/cluster_scale.sh [build dir] [client counts...]   (default: build/release)
# Prints, for each run: clients, wall seconds, CPU seconds, peak RSS, and RSS per client.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
cli=$build/apps/cli/pushlab-cli
shift || true
counts=("${@:-10000 100000 1000000}")
scenario=bench/scenarios/broadcast-room.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # label clients command...
  local label=$1 clients=$2
  shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out"
  read -r wall user sys rss_kb <"$work/time"
  awk -v l="$label" -v c="$clients" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss_kb" \
    'BEGIN { printf "%-22s %9d clients  %8.1f s wall  %8.1f s CPU  %8.0f MB peak  %6.2f KB/client\n",
             l, c, w, u + s, r / 1024, r / c }'
  grep -E "messages delivered|messages lost|frames" "$work/out" | sed 's/^/    /'
}

for clients in ${counts[*]}; do
  measure "run --no-trace" "$clients" "$cli" run "$scenario" --clients "$clients" --no-trace
done
measure "whole Trace kept" 100000 "$build/bench/keep_trace" "$scenario" 100000

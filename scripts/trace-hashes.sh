#!/usr/bin/env bash
# Writes tests/sim/transports/shipped_trace_hashes.txt: the SHA-1 of the Trace each shipped
# scenario simulates to. Run it only in a commit that moves figures on purpose, and say why.
#   scripts/trace-hashes.sh [path/to/pushlab-cli]   (default: the sanitize build's)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${1:-build/sanitize/apps/cli/pushlab-cli}
out=tests/sim/transports/shipped_trace_hashes.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "# SHA-1 of each shipped scenario's Trace, as 'pushlab-cli run SCENARIO --trace-out FILE'"
  echo "# writes it. Checked by shipped_traces_test; written by scripts/trace-hashes.sh."
  for scenario in scenarios/*.json; do
    echo "trace-hashes: $scenario" >&2
    "$cli" run "$scenario" --trace-out "$work/trace.json" >/dev/null
    echo "$(basename "$scenario") $(sha1sum "$work/trace.json" | cut -d' ' -f1)"
  done
} >"$work/hashes.txt"
mv "$work/hashes.txt" "$out"
echo "trace-hashes: wrote $out" >&2
